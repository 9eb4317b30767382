import { describe, expect, it } from 'vitest';
import type { ModelPrice } from './bindings';
import { filterPrices, priceForm, sourceLabel, repricedText, toPriceInput, validatePrice, validatePriceForm } from './prices';

const price = (model: string, source = 'litellm 1.110.2'): ModelPrice => ({
  model,
  provider: 'openai',
  input: '2.5',
  output: '10',
  cache_read: null,
  cache_write: null,
  source,
});

describe('filterPrices', () => {
  const all = [price('gpt-4o'), price('GPT-4o-mini', 'override'), price('claude-sonnet-4-5', 'override')];
  it('matches the model name case-insensitively', () => {
    expect(filterPrices(all, '  gpt-4O ', false).map((p) => p.model)).toEqual(['gpt-4o', 'GPT-4o-mini']);
    expect(filterPrices(all, '', false)).toHaveLength(3);
    expect(filterPrices(all, 'llama', false)).toEqual([]);
  });
  it('keeps only the user\'s prices when asked', () => {
    expect(filterPrices(all, '', true).map((p) => p.model)).toEqual(['GPT-4o-mini', 'claude-sonnet-4-5']);
    expect(filterPrices(all, 'gpt', true).map((p) => p.model)).toEqual(['GPT-4o-mini']);
  });
});

describe('sourceLabel', () => {
  it('names the LiteLLM release or says the price is yours', () => {
    expect(sourceLabel(price('claude-opus-4-1-20250805', 'litellm 1.100.0'))).toBe('LiteLLM 1.100.0');
    expect(sourceLabel(price('mine', 'override'))).toBe('Your price');
  });
});

describe('validatePrice', () => {
  it('accepts non-negative decimals, with or without $', () => {
    for (const ok of ['0', '2.50', ' $2.5 ', '$ 10', '0.0375', '1250']) expect(validatePrice(ok, true)).toBeNull();
  });
  it('explains what is wrong', () => {
    expect(validatePrice('', true)).toMatch(/per million tokens/);
    expect(validatePrice('  ', false)).toBeNull();
    expect(validatePrice('-1', true)).toBe('A price cannot be negative.');
    expect(validatePrice('-$0.5', false)).toBe('A price cannot be negative.');
    for (const bad of ['ten', '1,5', '1e3', '.5', '2.', '1.2.3']) expect(validatePrice(bad, true)).toMatch(/e\.g\. 2\.50/);
  });
});

describe('the price form', () => {
  it('starts from an existing price or from a model name', () => {
    expect(priceForm({ ...price('gpt-4o'), cache_read: '1.25' })).toEqual({
      model: 'gpt-4o',
      provider: 'openai',
      input: '2.5',
      output: '10',
      cache_read: '1.25',
      cache_write: '',
    });
    expect(priceForm(null, 'my-model')).toMatchObject({ model: 'my-model', provider: 'other', input: '' });
    expect(priceForm({ ...price('x'), provider: 'vertex_ai' }).provider).toBe('other');
  });
  it('reports every invalid field', () => {
    const errors = validatePriceForm({ ...priceForm(null), cache_write: 'abc' });
    expect(Object.keys(errors).sort()).toEqual(['cache_write', 'input', 'model', 'output']);
    expect(validatePriceForm({ ...priceForm(null, 'm'), input: '1', output: '2' })).toEqual({});
  });
  it('normalises the input of price_set', () => {
    const form = { ...priceForm(null, ' my-model '), input: ' $1 ', output: '2.50', cache_read: ' ', cache_write: '0.1' };
    expect(toPriceInput(form)).toEqual({
      model: 'my-model',
      provider: 'other',
      input: '1',
      output: '2.50',
      cache_read: null,
      cache_write: '0.1',
    });
  });
});

describe('repricedText', () => {
  it('counts buckets', () => {
    expect(repricedText('Price of gpt-4o set', 12)).toBe('Price of gpt-4o set — 12 usage buckets re-priced');
    expect(repricedText('Price of gpt-4o set', 1)).toBe('Price of gpt-4o set — 1 usage bucket re-priced');
  });
});
