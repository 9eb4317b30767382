import { describe, expect, it } from 'vitest';
import type { LineReport } from './bindings';
import { canTidy, cleanupText, envCounts, envOutcomeText, envSummary, importButtonText } from './envImport';

const PREVIEW: LineReport[] = [
  { line: 1, var: 'OPENAI_API_KEY', outcome: 'would_add', label: 'OPENAI_API_KEY (.env)', hint: 'sk-proj-…a1B2' },
  { line: 2, var: 'ANTHROPIC_API_KEY', outcome: 'would_add', label: 'ANTHROPIC_API_KEY (.env)', hint: 'sk-ant-…zz99' },
  { line: 4, var: 'GROQ_API_KEY', outcome: 'duplicate', label: 'Groq laptop' },
  { line: 6, var: 'DEBUG', outcome: 'skipped', why: 'not a known API key variable' },
];

describe('envImport', () => {
  it('counts the lines by outcome', () => {
    expect(envCounts(PREVIEW)).toEqual({ add: 2, duplicate: 1, skipped: 1 });
  });

  it('sums a preview and an import up', () => {
    expect(envSummary(PREVIEW, false)).toBe('2 keys to import, 1 already stored, 1 skipped');
    expect(envSummary(PREVIEW.slice(0, 1), false)).toBe('1 key to import');
    expect(envSummary(PREVIEW.slice(2), false)).toBe('No keys to import, 1 already stored, 1 skipped');
    const added: LineReport[] = [{ line: 1, var: 'X', outcome: 'added', id: 'i', label: 'X (.env)', hint: 'h' }];
    expect(envSummary([...added, PREVIEW[2]], true)).toBe('Imported 1 key, 1 already stored');
  });

  it('says what each line becomes, without a value', () => {
    expect(envOutcomeText(PREVIEW[0])).toBe('Will import as OPENAI_API_KEY (.env) (sk-proj-…a1B2)');
    expect(envOutcomeText(PREVIEW[2])).toBe('Already stored as Groq laptop');
    expect(envOutcomeText(PREVIEW[3])).toBe('Skipped: not a known API key variable');
    expect(envOutcomeText({ line: 1, var: 'X', outcome: 'added', id: 'i', label: 'X (.env)', hint: 'h…1' })).toBe(
      'Imported as X (.env) (h…1)',
    );
  });

  it('labels the import button and the clean-up', () => {
    expect(importButtonText(1)).toBe('Import 1 key');
    expect(importButtonText(3)).toBe('Import 3 keys');
    expect(cleanupText(3)).toBe('3 lines replaced by comments');
    expect(cleanupText(1)).toBe('1 line replaced by comments');
    expect(cleanupText(0)).toMatch(/No line needed replacing/);
  });

  it('offers to tidy a file whose keys are stored: after an import, or from a preview with nothing to import', () => {
    const added: LineReport = { line: 1, var: 'X', outcome: 'added', id: 'i', label: 'X (.env)', hint: 'h' };
    expect(canTidy(null, null)).toBe(false);
    expect(canTidy(PREVIEW, null)).toBe(false);
    expect(canTidy(PREVIEW.slice(2), null)).toBe(true);
    expect(canTidy(PREVIEW.slice(3), null)).toBe(false);
    expect(canTidy(PREVIEW, [added])).toBe(true);
    expect(canTidy(PREVIEW, [PREVIEW[3]])).toBe(false);
    expect(canTidy(null, [PREVIEW[2]])).toBe(true);
  });
});
