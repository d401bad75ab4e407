import fc from 'fast-check';

/** One edit of a text: a character replaced, inserted or deleted at a position (taken modulo the length). */
export type TextEdit = ['replace' | 'insert' | 'delete', number, string];

/** 1..max edits drawing inserted characters from `chars`: syntax errors, cut tokens, stray bytes. */
export const textEdits = (chars: string[], max: number): fc.Arbitrary<TextEdit[]> =>
  fc.array(fc.tuple(fc.constantFrom<TextEdit[0]>('replace', 'insert', 'delete'), fc.nat(), fc.constantFrom(...chars)), {
    minLength: 1,
    maxLength: max,
  });

export function applyEdits(text: string, edits: TextEdit[]): string {
  for (const [op, n, ch] of edits) {
    const at = n % (text.length + 1);
    text =
      op === 'insert' ? text.slice(0, at) + ch + text.slice(at) : text.slice(0, at) + (op === 'replace' ? ch : '') + text.slice(at + 1);
  }
  return text;
}
