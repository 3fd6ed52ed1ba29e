/** `value` rounded half up to `places` decimal places (2 → cents of a milligram, 1 → tenths of a day). */
export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
