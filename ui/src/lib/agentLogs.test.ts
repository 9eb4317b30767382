import { describe, expect, it } from 'vitest';
import type { LogSources, LogSourcesView } from './bindings';
import {
  agentDirs,
  importedSpan,
  ingestSummary,
  isNewer,
  isIngestProgress,
  isIngestReport,
  isLogSourcesView,
  noLogsFound,
  progressPercent,
  progressText,
  unpricedText,
  withEnabled,
  withExtraDirs,
} from './agentLogs';
import { ingestReport } from '../test/fixtures';

const settings: LogSources = { claude_code: true, codex: false, extra_claude_code: ['/a'], extra_codex: ['/b'] };

describe('ingestSummary', () => {
  const NOW = new Date('2026-11-24T12:00:00Z');

  it('says what was read, with plurals and the days the new requests fall on', () => {
    expect(ingestSummary(ingestReport(), NOW)).toBe(
      'Read 3 of 120 files (4.2 MB): 57 new requests from 20–23 Nov, 3 already counted, 1 malformed line skipped.',
    );
    const one = ingestReport({
      files_seen: 1,
      files_read: 1,
      requests: 1,
      duplicates: 0,
      malformed_lines: 3,
      first_day: '2025-12-30',
      last_day: '2025-12-30',
    });
    expect(ingestSummary(one, NOW)).toBe(
      'Read 1 of 1 file (4.2 MB): 1 new request from 30 Dec 2025, 3 malformed lines skipped.',
    );
    const unknownDays = ingestReport({ first_day: null, last_day: null });
    expect(ingestSummary(unknownDays, NOW)).toContain('57 new requests, 3 already counted');
    expect(ingestSummary(ingestReport({ requests: 0, duplicates: 1200, malformed_lines: 0 }))).toBe(
      'Read 3 of 120 files (4.2 MB): no new requests, 1,200 already counted.',
    );
  });

  it('says when nothing was new', () => {
    expect(ingestSummary(ingestReport({ files_read: 0 }))).toBe('Nothing new since the last read.');
  });
});

describe('importedSpan and isNewer', () => {
  it('spans the new requests only', () => {
    expect(importedSpan(ingestReport())).toEqual({ from: '2026-11-20', to: '2026-11-23' });
    expect(importedSpan(ingestReport({ requests: 0 }))).toBeNull();
  });

  it('orders reports by when they ended; one without a time is older', () => {
    const early = ingestReport({ at: '2026-11-24T10:00:00Z' });
    const late = ingestReport({ at: '2026-11-24T11:00:00Z' });
    expect(isNewer(late, early)).toBe(true);
    expect(isNewer(early, late)).toBe(false);
    expect(isNewer(early, ingestReport({ at: null }))).toBe(true);
  });
});

describe('unpricedText', () => {
  it('names the models', () => {
    expect(unpricedText([])).toBeNull();
    expect(unpricedText(['x'])).toBe(
      'No price known for x — its usage shows as unpriced; set a price in the Prices tab.',
    );
    expect(unpricedText(['x', 'y'])).toBe(
      'No price known for x, y — their usage shows as unpriced; set a price in the Prices tab.',
    );
  });
});

describe('progress', () => {
  it('counts by bytes, by files when there are none', () => {
    const p = { files_done: 12, files_total: 340, bytes_done: 45_000_000, bytes_total: 1_200_000_000 };
    expect(progressText(p)).toBe('12 of 340 files · 45 MB of 1.2 GB');
    expect(progressPercent(p)).toBe(4);
    expect(progressPercent({ files_done: 1, files_total: 4, bytes_done: 0, bytes_total: 0 })).toBe(25);
    expect(progressPercent({ files_done: 0, files_total: 0, bytes_done: 0, bytes_total: 0 })).toBe(0);
    const tiny = { files_done: 1, files_total: 1, bytes_done: 10, bytes_total: 10 };
    expect(progressText(tiny)).toBe('1 of 1 file · 10 B of 10 B');
  });
});

describe('settings', () => {
  it('changes one part and keeps the rest', () => {
    expect(withEnabled(settings, 'codex', true)).toEqual({ ...settings, codex: true });
    expect(withEnabled(settings, 'claude-code', false)).toEqual({ ...settings, claude_code: false });
    expect(withExtraDirs(settings, 'codex', ['/b', '/c'])).toEqual({ ...settings, extra_codex: ['/b', '/c'] });
    expect(withExtraDirs(settings, 'claude-code', [])).toEqual({ ...settings, extra_claude_code: [] });
  });

  it('lists the added folders of an agent that is off', () => {
    const view: LogSourcesView = {
      settings,
      dirs: [
        { agent: 'claude-code', path: '/home/.claude/projects', default: true, exists: false },
        { agent: 'claude-code', path: '/a', default: false, exists: true },
      ],
      last: null,
    };
    expect(agentDirs(view, 'claude-code').map((d) => [d.path, d.known])).toEqual([
      ['/home/.claude/projects', true],
      ['/a', true],
    ]);
    expect(agentDirs(view, 'codex').map((d) => [d.path, d.default, d.known])).toEqual([['/b', false, false]]);
    expect(noLogsFound(view)).toBe(false);
    expect(noLogsFound({ ...view, dirs: view.dirs.slice(0, 1) })).toBe(true);
    expect(noLogsFound({ ...view, dirs: [] })).toBe(true);
  });
});

describe('checks of what Rust sent', () => {
  it('refuses null and partial answers', () => {
    expect(isLogSourcesView(null)).toBe(false);
    expect(isLogSourcesView({ settings, dirs: [] })).toBe(true);
    expect(isLogSourcesView({ settings: { claude_code: true }, dirs: [] })).toBe(false);
    expect(isIngestReport(null)).toBe(false);
    expect(isIngestReport(ingestReport())).toBe(true);
    expect(isIngestReport({ ...ingestReport(), problems: null })).toBe(false);
    expect(isIngestReport({ ...ingestReport(), requests: Number.NaN })).toBe(false);
    const progress = { files_done: 1, files_total: 2, bytes_done: 3, bytes_total: 4 };
    expect(isIngestProgress(progress)).toBe(true);
    expect(isIngestProgress({ ...progress, bytes_total: '4' })).toBe(false);
    expect(isIngestProgress(undefined)).toBe(false);
  });
});
