/**
 * Makes user-controlled text inert inside a GitHub Markdown table cell or list item: HTML is
 * neutralised (GitHub renders raw HTML), the characters that open emphasis, code, links or
 * strike-through are backslash-escaped (`_` only where it could open or close emphasis, so
 * `gsm8k_0` stays readable), `|` cannot end a cell, and a line break becomes `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~]/g, '\\$&')
    .replace(/_/g, (m, at: number, s: string) => (isWordChar(s[at - 1]) && isWordChar(s[at + 1]) ? m : '\\_'))
    .replace(/\r?\n/g, '<br>');
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
