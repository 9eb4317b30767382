// Dates for the tests, built from local components so that they pass in any time zone.

/** The local moment `y`-`m`-`d` `h`:`min` (`m` from 1 for January; noon unless told). */
export const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
