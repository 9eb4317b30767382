import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, GENERIC_ERROR, isErrorPayload, toErrorPayload } from './api';

afterEach(() => clearMocks());

describe('isErrorPayload', () => {
  it('recognises {code, message}', () => {
    expect(isErrorPayload({ code: 'duplicate', message: 'already stored' })).toBe(true);
    expect(isErrorPayload({ code: 'x' })).toBe(false);
    expect(isErrorPayload('boom')).toBe(false);
    expect(isErrorPayload(null)).toBe(false);
  });
  it('maps unknown rejections to a generic message', () => {
    expect(toErrorPayload(new Error('secret sk-123 leaked?'))).toEqual({ code: 'unknown', message: GENERIC_ERROR });
  });
});

describe('api', () => {
  it('uses the exact command and argument names of the Rust side', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      switch (cmd) {
        case 'list_credentials':
        case 'audit_log':
          return [];
        case 'reveal_secret':
          return 'sk-clear';
        case 'reconcile':
          return { missing: [], restored: [], completed: 0, dropped: 0 };
        default:
          return null;
      }
    });
    await api.reconcile();
    await api.listCredentials();
    await api.detectKey('sk-a');
    const input = { provider: null, kind: null, label: 'L', profile: 'default', base_url: null, expires_on: null, notes: null };
    await api.addCredential('sk-a', input);
    expect(await api.revealSecret('id1')).toBe('sk-clear');
    await api.copySecret('id1');
    await api.deleteCredential('id1');
    await api.auditLog(50);
    expect(calls.map(([c]) => c)).toEqual([
      'reconcile',
      'list_credentials',
      'detect_key',
      'add_credential',
      'reveal_secret',
      'copy_secret',
      'delete_credential',
      'audit_log',
    ]);
    expect(calls[2][1]).toEqual({ secret: 'sk-a' });
    expect(calls[3][1]).toEqual({ secret: 'sk-a', input });
    expect(calls[4][1]).toEqual({ id: 'id1' });
    expect(calls[7][1]).toEqual({ limit: 50 });
  });

  it('calls the usage and check commands with their exact arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'poll_now' || cmd === 'poll_status' ? [] : null;
    });
    await api.checkCredential('id1');
    expect(await api.pollNow()).toEqual([]);
    await api.pollStatus();
    await api.usageReport('2026-11-01', '2026-11-23', 'model');
    expect(calls).toEqual([
      ['check_credential', { id: 'id1' }],
      ['poll_now', {}],
      ['poll_status', {}],
      ['usage_report', { from: '2026-11-01', to: '2026-11-23', by: 'model' }],
    ]);
  });

  it('calls the price commands with their exact arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'price_list' ? [] : 3;
    });
    const input = { model: 'gpt-4o', provider: 'openai', input: '2.5', output: '10', cache_read: null, cache_write: null };
    expect(await api.listPrices()).toEqual([]);
    expect(await api.setPrice(input)).toBe(3);
    expect(await api.unsetPrice('gpt-4o')).toBe(3);
    expect(calls).toEqual([
      ['price_list', {}],
      ['price_set', { input }],
      ['price_unset', { model: 'gpt-4o' }],
    ]);
  });

  it('calls the rotation, .env, backup and profile commands with their exact arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const options = { expires_on: '2027-01-31', remind_revoke: true };
    await api.rotateCredential('id1', 'sk-new', options);
    await api.rotationHistory('id1');
    await api.envPreview('~/app/.env', null);
    await api.envImport('/home/me/app/.env', 'dev');
    await api.envCleanup('/home/me/app/.env', true);
    await api.backupExport('~/b.age', 'correct horse battery', false);
    await api.backupRestore('~/b.age', 'correct horse battery');
    await api.listProfiles();
    await api.setDefaultProfile('dev');
    await api.setDefaultProfile(null);
    expect(calls).toEqual([
      ['rotate_credential', { id: 'id1', secret: 'sk-new', options }],
      ['rotation_history', { id: 'id1' }],
      ['env_preview', { path: '~/app/.env', profile: null }],
      ['env_import', { path: '/home/me/app/.env', profile: 'dev' }],
      ['env_cleanup', { path: '/home/me/app/.env', delete: true }],
      ['backup_export', { path: '~/b.age', passphrase: 'correct horse battery', overwrite: false }],
      ['backup_restore', { path: '~/b.age', passphrase: 'correct horse battery' }],
      ['profile_list', {}],
      ['profile_set_default', { name: 'dev' }],
      ['profile_set_default', { name: null }],
    ]);
  });
});
