// Counting words shared by the summaries of an import or a restore: "2 keys", "Added 2 keys, 1 already stored".

/** "1 key", "3 keys". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** `first`, then each count that is not zero with its words: "Added 2 keys, 1 already stored, 1 failed". */
export function countsText(first: string, counts: [number, string][]): string {
  return [first, ...counts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`)].join(', ');
}
