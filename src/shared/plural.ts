/**
 * A count with its noun as people write it: "1 day", "2 days", "0 patients", "1.5 days". Only exactly one
 * takes the singular. `many` for nouns whose plural is not the singular plus "s" ("1 entry", "2 entries").
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
