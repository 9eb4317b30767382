// The alerts list in words: severities, what raised an alert, the snooze choices, an alert's state
// in the history, and the list after an alert was acknowledged or snoozed.
import type { Alert, Rule, Severity } from './bindings';
import type { IconName } from '../components/Icon.svelte';
import { formatDateTime } from './format';

export const SEVERITY_NAMES: Record<Severity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

export const SEVERITY_ICONS: Record<Severity, IconName> = {
  critical: 'alert',
  warning: 'alert',
  info: 'info',
};

/** What raised an alert, in words. */
export const RULE_NAMES: Record<Rule, string> = {
  expiry: 'Key expiry',
  budget: 'Budget',
  forecast: 'Budget forecast',
  quota: 'Provider limit',
  rotation: 'Key rotation',
  invalid: 'Rejected key',
  spike: 'Spend spike',
  revoke_old: 'Revoke old key',
  plan_window: 'Plan limit',
};

/** The snooze choices, in hours. */
export const SNOOZE_OPTIONS: { hours: number; label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 168, label: '1 week' },
];

export type AlertPhase = { kind: 'acknowledged' | 'snoozed' | 'active'; text: string };

/** The state of an alert in the history: acknowledged, snoozed, or still asking for attention. */
export function alertPhase(a: Pick<Alert, 'acknowledged_at' | 'snoozed_until'>, at: Date): AlertPhase {
  if (a.acknowledged_at) return { kind: 'acknowledged', text: `Acknowledged ${formatDateTime(a.acknowledged_at)}` };
  if (a.snoozed_until && new Date(a.snoozed_until).getTime() > at.getTime()) {
    return { kind: 'snoozed', text: `Snoozed until ${formatDateTime(a.snoozed_until)}` };
  }
  return { kind: 'active', text: 'Active' };
}

/** `hours` after `now`, as the ISO time an alert snoozed now wakes at. */
export const snoozedUntil = (hours: number, now: Date = new Date()): string =>
  new Date(now.getTime() + hours * 3_600_000).toISOString();

/**
 * The list once alert `id` changed: the history keeps it (as `changed`), the active list drops it
 * (acknowledged or snoozed, it no longer asks for attention); without `changed` it goes either way.
 */
export function afterChange(list: Alert[], id: number, changed: Alert | null, history: boolean): Alert[] {
  if (!history || !changed) return list.filter((a) => a.id !== id);
  return list.map((a) => (a.id === id ? changed : a));
}
