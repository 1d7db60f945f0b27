/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: text starting with a formula character is prefixed
 * with a single quote, so `=cmd|' /C calc'!A0` stays text. Numbers are left alone.
 */
export function neutralizeFormula(cell: string | number | boolean | null | undefined): string | number | boolean {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
