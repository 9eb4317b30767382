import { describe, expect, it } from 'vitest';
import {
  budgetForm,
  compareUsd,
  forecastTone,
  limitText,
  microsToUsd,
  parseBudgetUsd,
  parseThresholds,
  parseTokenQuota,
  percentTone,
  periodText,
  rulesChanged,
  rulesForm,
  scopeOptions,
  spentDisplay,
  toAlertSettings,
  toNewBudget,
  usdToMicros,
  validateBudgetForm,
  validateRulesForm,
} from './budgets';
import { alertSettings, budget, budgetStatus, credential } from '../test/fixtures';

const SETTINGS = alertSettings({ rotation_off: ['key-a'] });

describe('USD ⇄ micro-dollars', () => {
  it('converts typed amounts exactly, without floats', () => {
    expect(usdToMicros('$2.50')).toBe(2_500_000n);
    expect(usdToMicros('0.1')).toBe(100_000n);
    expect(usdToMicros('.5')).toBe(500_000n);
    expect(usdToMicros('1,234.567891')).toBe(1_234_567_891n);
    expect(usdToMicros('90071992547.409919')).toBe(90_071_992_547_409_919n);
    for (const bad of ['', '$', '.', 'ten', '1.2345678', '-1', '1,5', '12,34.5', '1e3']) {
      expect(usdToMicros(bad), bad).toBeNull();
    }
  });

  it('writes micro-dollars with at least two decimals and no float noise', () => {
    expect(microsToUsd(2_500_000)).toBe('2.50');
    expect(microsToUsd(1_000_000)).toBe('1.00');
    expect(microsToUsd(0)).toBe('0.00');
    expect(microsToUsd(1_234_567)).toBe('1.234567');
    expect(microsToUsd(300_000)).toBe('0.30');
    expect(microsToUsd(Number.MAX_SAFE_INTEGER)).toBe('9007199254.740991');
  });

  it('compares decimal strings exactly', () => {
    expect(compareUsd('50.000000', '50')).toBe(0);
    expect(compareUsd('49.999999', '50.000000')).toBe(-1);
    expect(compareUsd('100.000001', '100')).toBe(1);
  });
});

describe('budget form', () => {
  it('parses thresholds as percentages from 1 to 1000', () => {
    expect(parseThresholds('50, 80,100')).toEqual({ ok: true, value: [50, 80, 100] });
    expect(parseThresholds('120% 1000')).toEqual({ ok: true, value: [120, 1000] });
    expect(parseThresholds('')).toEqual({ ok: false, error: 'Give at least one threshold, e.g. 50, 80, 100.' });
    for (const bad of ['0', '1001', '50, eighty', '50.5']) expect(parseThresholds(bad).ok, bad).toBe(false);
  });

  it('reads the USD limit and token quota like Rust', () => {
    expect(parseBudgetUsd(' $1,250. ')).toEqual({ ok: true, value: '1250' });
    expect(parseBudgetUsd('.5')).toEqual({ ok: true, value: '0.5' });
    expect(parseBudgetUsd('')).toEqual({ ok: true, value: null });
    expect(parseBudgetUsd('0.000000')).toEqual({ ok: false, error: 'The amount must be more than $0.' });
    expect(parseBudgetUsd('-5')).toEqual({ ok: false, error: 'The amount must be more than $0.' });
    expect(parseBudgetUsd('1000000000000').ok).toBe(false);
    expect(parseTokenQuota('1 000 000')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseTokenQuota('2_500')).toEqual({ ok: true, value: 2500 });
    expect(parseTokenQuota('0')).toEqual({ ok: false, error: 'The token quota must be more than 0.' });
    expect(parseTokenQuota('1.5').ok).toBe(false);
  });

  it('needs a USD limit or a token quota', () => {
    const v = budgetForm(null);
    expect(validateBudgetForm(v)).toEqual({ limit: 'Give an amount in USD, a token quota, or both.' });
    expect(validateBudgetForm({ ...v, tokens: '5' })).toEqual({});
  });

  it('builds the NewBudget payload', () => {
    expect(
      toNewBudget({ scope: 'key:abc', period: 'day', amount: '$12.50', tokens: '', thresholds: '80, 50' }),
    ).toEqual({ scope: 'key:abc', period: 'day', amount_usd: '12.50', token_quota: null, thresholds: [80, 50] });
  });

  it('prefills from a stored budget as one would type it', () => {
    const b = budget({ scope: { kind: 'provider', value: 'openai' }, amount_usd: '12.500000', token_quota: 2_000_000 });
    expect(budgetForm(b)).toEqual({
      scope: 'provider:openai',
      period: 'month',
      amount: '12.50',
      tokens: '2,000,000',
      thresholds: '50, 80, 100',
    });
  });

  it('offers each provider that has a stored key, then each key', () => {
    const o = scopeOptions([
      credential({ id: 'k2', label: 'Zed', provider: 'anthropic' }),
      credential({ id: 'k1', label: 'Alpha', provider: 'openai' }),
      credential({ id: 'k3', label: 'Beta', provider: 'openai' }),
    ]);
    expect(o.providers).toEqual([
      { value: 'provider:openai', label: 'OpenAI' },
      { value: 'provider:anthropic', label: 'Anthropic' },
    ]);
    expect(o.keys.map((k) => [k.value, k.label])).toEqual([
      ['key:k1', 'Alpha (OpenAI)'],
      ['key:k3', 'Beta (OpenAI)'],
      ['key:k2', 'Zed (Anthropic)'],
    ]);
  });
});

describe('budget status in words', () => {
  it('names the period', () => {
    expect(periodText(budgetStatus())).toBe('This month (November 2026)');
    expect(periodText(budgetStatus({ period: '2027-01' }))).toBe('This month (January 2027)');
    expect(periodText(budgetStatus({ period: '2026-11-24' }, { period: 'day' }))).toBe('Today');
  });

  it('shows limits, and never an unpriced spend as $0', () => {
    expect(limitText(budget({ token_quota: 1_000_000 }))).toBe('$50.00 · 1,000,000 tokens');
    expect(limitText(budget({ amount_usd: null, token_quota: 5000 }))).toBe('5,000 tokens');
    expect(spentDisplay(budgetStatus({ unpriced: true }))).toEqual({ amount: '$9.00', unpriced: true });
    expect(spentDisplay(budgetStatus({ spent_usd: '0.000000', unpriced: true }))).toEqual({ amount: null, unpriced: true });
    expect(spentDisplay(budgetStatus({ spent_usd: '0.000000' }))).toEqual({ amount: '$0.00', unpriced: false });
  });

  it('colours by percent and by month-end pace', () => {
    expect([0, 79, 80, 99, 100, 250].map(percentTone)).toEqual(['ok', 'ok', 'warn', 'warn', 'danger', 'danger']);
    expect(forecastTone(budgetStatus({ forecast_usd: '49.999999' }))).toBe('ok');
    expect(forecastTone(budgetStatus({ forecast_usd: '50.000000' }))).toBe('warn');
    expect(forecastTone(budgetStatus({ forecast_usd: '80.000000', percent: 104 }))).toBe('danger');
  });
});

describe('alert rules form', () => {
  it('round-trips the settings and keeps what it does not show', () => {
    const form = rulesForm(SETTINGS);
    expect(form).toEqual({
      expiry: '30, 7, 1',
      thresholds: '50, 80, 100',
      rotation: '90',
      multiplier: '3',
      floor: '1.00',
      timezone: '',
      notify: true,
      planReset: false,
      rotationOff: 1,
    });
    expect(toAlertSettings(form, SETTINGS)).toEqual(SETTINGS);
    expect(toAlertSettings({ ...form, rotationOff: 0 }, SETTINGS).rotation_off).toEqual([]);
    const changed = { ...form, floor: '$2.50', timezone: ' Europe/Berlin ', expiry: '', rotation: '0' };
    expect(rulesChanged(changed, form)).toBe(true);
    expect(toAlertSettings(changed, SETTINGS)).toEqual({
      ...SETTINGS,
      spike_floor_micros: 2_500_000,
      time_zone: 'Europe/Berlin',
      expiry_days: [],
      rotation_days: 0,
    });
    expect(rulesChanged({ ...form, rotation: ' 90 ' }, form)).toBe(false);
  });

  it('checks every field like AlertSettings::validated', () => {
    const errors = validateRulesForm({
      expiry: '400',
      thresholds: '0',
      rotation: '3651',
      multiplier: '1',
      floor: '-1',
      timezone: 'Not a zone',
      notify: false,
      planReset: false,
      rotationOff: 0,
    });
    expect(Object.keys(errors).sort()).toEqual(['expiry', 'floor', 'multiplier', 'rotation', 'thresholds', 'timezone']);
    expect(errors.floor).toBe('The spike floor cannot be negative.');
    expect(validateRulesForm({ ...rulesForm(SETTINGS), multiplier: '100', rotation: '3650' })).toEqual({});
  });
});
