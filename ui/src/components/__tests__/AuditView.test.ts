import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import AuditView from '../AuditView.svelte';
import type { AuditEvent } from '../../lib/bindings';

const event = (id: number, action: string): AuditEvent => ({
  id,
  at: '2026-11-23T18:00:00Z',
  action,
  credential_id: null,
  label: 'Work',
  outcome: 'ok',
  actor: 'app',
  detail: null,
});

describe('AuditView', () => {
  it('names rotations and backups in words', () => {
    // `events` is also a mount option: the props go under `props`.
    render(AuditView, {
      props: {
        events: [event(3, 'rotate'), event(2, 'export'), event(1, 'restore'), event(0, 'something-new')],
        loading: false,
      },
    });
    const rows = screen.getAllByTestId('audit-row');
    expect(rows.map((r) => r.dataset.action)).toEqual(['rotate', 'export', 'restore', 'something-new']);
    expect(rows[0]).toHaveTextContent('rotate');
    expect(rows[1]).toHaveTextContent('backup export');
    expect(rows[2]).toHaveTextContent('backup restore');
    expect(rows[3]).toHaveTextContent('something-new');
  });

  it('mentions rotations and backups when nothing is recorded yet', () => {
    render(AuditView, { props: { events: [], loading: false } });
    expect(screen.getByTestId('audit-empty')).toHaveTextContent('rotation, backup');
  });
});
