// CSV formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a cell that
// starts with =, +, -, @, a tab or a carriage return as a formula, so a customer named
// =HYPERLINK("http://evil.example","x") becomes a live link in the manager's spreadsheet. Pure: no I/O.

// A text that already starts with quotes before such a character gets one more too, so that restoring
// is exact: whatever the text, restoreFormula(neutralizeFormula(text)) is the text.
const FORMULA_START = /^'*[=+\-@\t\r]/
const NEUTRALIZED = /^'+[=+\-@\t\r]/

/**
 * A text cell as a spreadsheet will show it but never run it: OWASP's rule, a leading single quote. For
 * text columns only; numbers the service writes as numbers (prices, counts) are never formulas and stay
 * numbers, so a spreadsheet can still add them up.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The text a neutralized cell stood for, so that our own exports read back through the importer unchanged. */
export function restoreFormula(text: string): string {
  return NEUTRALIZED.test(text) ? text.slice(1) : text
}
