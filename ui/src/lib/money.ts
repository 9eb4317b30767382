// Money and count formatting for the usage report. Costs arrive from Rust as exact decimal
// strings ("6.350000"); they are never turned into floats here.
import type { UsageRow } from './bindings';

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$/;

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * "6.350000" → "$6.35"; "1234.5" → "$1,234.50"; "0.004" → "<$0.01"; "0" → "$0.00".
 * Rounds half up to the cent. Returns "—" for a string that is not a decimal number.
 */
export function formatUsd(decimal: string): string {
  const m = DECIMAL.exec(decimal.trim());
  if (!m) return '—';
  const negative = m[1] === '-';
  const intPart = m[2];
  const frac = (m[3] ?? '').padEnd(3, '0');
  const isZero = /^0*$/.test(intPart) && /^0*$/.test(frac);
  if (isZero) return '$0.00';
  // Strictly between zero and one cent: say so instead of rounding to $0.00 or $0.01.
  if (/^0*$/.test(intPart) && frac.slice(0, 2) === '00') return negative ? '-<$0.01' : '<$0.01';
  let cents = BigInt(intPart) * 100n + BigInt(frac.slice(0, 2));
  if (frac.charCodeAt(2) >= 53 /* '5' */) cents += 1n;
  const dollars = (cents / 100n).toString();
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}$${groupThousands(dollars)}.${rest}`;
}

/**
 * A price per million tokens, never rounded: "2.5" → "$2.50", "0.0375" → "$0.0375",
 * "1250.000000" → "$1,250.00". Returns "—" for a string that is not a decimal number.
 */
export function formatPrice(decimal: string): string {
  const m = DECIMAL.exec(decimal.trim());
  if (!m) return '—';
  const digits = (m[3] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return `${m[1] ?? ''}$${groupThousands(m[2].replace(/^0+(?=\d)/, ''))}.${digits}`;
}

/**
 * Integer micro-dollars as money: 1234560000 → "$1,234.56", 4000 → "<$0.01", 0 → "$0.00".
 * Exact (no float arithmetic); returns "—" for anything but a whole number.
 */
export function formatMicros(micros: number): string {
  if (!Number.isSafeInteger(micros)) return '—';
  const negative = micros < 0;
  const digits = String(Math.abs(micros)).padStart(7, '0');
  const decimal = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
  return formatUsd(negative ? `-${decimal}` : decimal);
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  return sign + groupThousands(String(Math.trunc(Math.abs(n))));
}

export const UNPRICED_TOOLTIP = 'No price is known for this model — set one with keyledger price set';

export interface CostDisplay {
  /** "$6.35", "$6.35 + unpriced" or "unpriced" (never "$0.00" for unknown prices). */
  text: string;
  /** The known (priced) part alone, e.g. "$6.35"; null when nothing is priced. */
  amount: string | null;
  /** True when part or all of the cost is unknown. */
  unpriced: boolean;
  /** True when no part of the cost is known. */
  unknown: boolean;
}

export function costDisplay(row: Pick<UsageRow, 'cost_usd' | 'priced'>): CostDisplay {
  if (row.cost_usd === null) return { text: 'unpriced', amount: null, unpriced: true, unknown: true };
  const usd = formatUsd(row.cost_usd);
  if (!row.priced) return { text: `${usd} + unpriced`, amount: usd, unpriced: true, unknown: false };
  return { text: usd, amount: usd, unpriced: false, unknown: false };
}

/**
 * Where a provider's bill superseded the agent logs' estimate in a usage row: the estimate and
 * its drift from the bill ("est. $1.80 (−10.0 %)"), and a sentence saying what it means; `null`
 * when the row has no estimate.
 */
export function estimateDisplay(
  row: Pick<UsageRow, 'estimate_usd' | 'billed_usd' | 'drift_pct'>,
): { text: string; title: string } | null {
  if (row.estimate_usd === null) return null;
  const estimate = formatUsd(row.estimate_usd);
  const drift = row.drift_pct === null ? '' : ` (${row.drift_pct.replace(/^-/, '−')} %)`;
  const billed = row.billed_usd === null ? 'the bill' : `the bill of ${formatUsd(row.billed_usd)}`;
  return {
    text: `est. ${estimate}${drift}`,
    title: `Agent logs estimated ${estimate} for days the provider billed; the cost counts ${billed}, not the estimate.`,
  };
}

/**
 * Usage a provider's bill covers without naming it (counted in the bill, $0 of its own): what
 * token prices say it cost ("in the bill · est. $0.41"); `null` when the row has none.
 */
export function inBillDisplay(row: Pick<UsageRow, 'in_bill_estimate_usd'>): { text: string; title: string } | null {
  if (row.in_bill_estimate_usd === null) return null;
  const estimate = formatUsd(row.in_bill_estimate_usd);
  return {
    text: `in the bill · est. ${estimate}`,
    title: `The provider's bill covers this usage without naming it, so it is counted once, in the bill; token prices say ${estimate}.`,
  };
}
