// Month names for labels, without Intl (the same words in every locale and runtime) and without
// time-zone shifts: the dates arrive as plain YYYY-MM and YYYY-MM-DD strings.

/** "Jan" … "Dec". */
export const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "January" … "December". */
export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11" → "November 2026"; null when it is not a month. */
export function longMonth(month: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? LONG_MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : null;
}
