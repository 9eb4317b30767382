// The window's views, in the order of the tab bar, with their names and icons.
import type { IconName } from '../components/Icon.svelte';

export type Tab = 'dashboard' | 'keys' | 'usage' | 'limits' | 'alerts' | 'prices' | 'audit';

export interface TabInfo {
  id: Tab;
  label: string;
  icon: IconName;
}

export const TABS: TabInfo[] = [
  { id: 'dashboard', label: 'Dashboard', icon: 'grid' },
  { id: 'keys', label: 'Keys', icon: 'key' },
  { id: 'usage', label: 'Usage', icon: 'chart' },
  { id: 'limits', label: 'Limits', icon: 'clock' },
  { id: 'alerts', label: 'Alerts', icon: 'bell' },
  { id: 'prices', label: 'Prices', icon: 'tag' },
  { id: 'audit', label: 'Audit log', icon: 'list' },
];

/** The tab after (`step` 1) or before (`step` -1) `tab`, wrapping around. */
export function nextTab(tab: Tab, step: 1 | -1): Tab {
  const i = TABS.findIndex((t) => t.id === tab);
  return TABS[(i + step + TABS.length) % TABS.length].id;
}
