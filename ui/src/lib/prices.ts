// Pure helpers of the Prices view: filtering the table and checking the "Set a price" form.
// The Rust side (PriceInput::parse) re-checks everything; these only give instant feedback.
import type { ModelPrice, PriceInput, Provider } from './bindings';
import { asProvider } from './providers';

/** How many matching rows the table renders at most. */
export const PRICE_ROW_LIMIT = 200;

export const isOverride = (p: ModelPrice): boolean => p.source === 'override';

/** Where a price comes from, for people: "LiteLLM 1.80.0" or "Your price". */
export const sourceLabel = (p: ModelPrice): string =>
  isOverride(p) ? 'Your price' : p.source.replace(/^litellm\b/, 'LiteLLM');

/** The prices whose model name contains `query` (case-insensitive), optionally only the user's own. */
export function filterPrices(prices: ModelPrice[], query: string, onlyMine: boolean): ModelPrice[] {
  const q = query.trim().toLowerCase();
  return prices.filter((p) => (!onlyMine || isOverride(p)) && (q === '' || p.model.toLowerCase().includes(q)));
}

export type PriceField = 'model' | 'input' | 'output' | 'cache_read' | 'cache_write';
export type PriceErrors = Partial<Record<PriceField, string>>;

export interface PriceFormValues {
  model: string;
  provider: Provider;
  input: string;
  output: string;
  cache_read: string;
  cache_write: string;
}

/** The form, filled from an existing price or started for a model name. */
export function priceForm(from: ModelPrice | null, model = ''): PriceFormValues {
  return {
    model: from?.model ?? model,
    provider: asProvider(from?.provider ?? 'other'),
    input: from?.input ?? '',
    output: from?.output ?? '',
    cache_read: from?.cache_read ?? '',
    cache_write: from?.cache_write ?? '',
  };
}

/** A typed price in USD per million tokens ("2.50", "$2.50"); empty is allowed unless `required`. */
export function validatePrice(raw: string, required: boolean): string | null {
  const value = raw.trim().replace(/^\$\s*/, '');
  if (value === '') return required ? 'Give the price in USD per million tokens, e.g. 2.50.' : null;
  if (/^-\s*\$?\s*\d+(\.\d+)?$/.test(value)) return 'A price cannot be negative.';
  if (!/^\d+(\.\d+)?$/.test(value)) return 'Write a number of US dollars per million tokens, e.g. 2.50.';
  return null;
}

export function validatePriceForm(v: PriceFormValues): PriceErrors {
  const errors: PriceErrors = {};
  const checks: [PriceField, string | null][] = [
    ['model', v.model.trim() === '' ? 'Give the model name, e.g. gpt-4o.' : null],
    ['input', validatePrice(v.input, true)],
    ['output', validatePrice(v.output, true)],
    ['cache_read', validatePrice(v.cache_read, false)],
    ['cache_write', validatePrice(v.cache_write, false)],
  ];
  for (const [field, message] of checks) if (message) errors[field] = message;
  return errors;
}

/** The `input` argument of `price_set`: trimmed, without "$", empty cache prices as null. */
export function toPriceInput(v: PriceFormValues): PriceInput {
  const price = (s: string): string => s.trim().replace(/^\$\s*/, '');
  const optional = (s: string): string | null => (price(s) === '' ? null : price(s));
  return {
    model: v.model.trim(),
    provider: v.provider,
    input: price(v.input),
    output: price(v.output),
    cache_read: optional(v.cache_read),
    cache_write: optional(v.cache_write),
  };
}

/** "Price of gpt-4o set — 12 usage buckets re-priced". */
export function repricedText(what: string, buckets: number): string {
  return `${what} — ${buckets} usage ${buckets === 1 ? 'bucket' : 'buckets'} re-priced`;
}
