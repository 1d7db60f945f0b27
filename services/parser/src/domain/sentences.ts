/**
 * Abbreviations whose full stop does not end a sentence (lower-cased, without the final dot): degrees,
 * titles, Latin and the short forms postings use. Single capital letters ("J.", "U.") are handled apart.
 */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'approx',
  'incl',
  'esp',
  'min',
  'max',
  'yrs',
  'yr',
  'mos',
  'no',
  'nos',
  'dept',
  'govt',
  'inc',
  'ltd',
  'co',
  'corp',
  'st',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'ph.d',
  'phd',
  'j.d',
  'b.s',
  'b.a',
  'm.s',
  'm.a',
  'b.sc',
  'm.sc',
  'm.d',
  'd.o',
  'r.n',
  'm.b.a',
  'b.s.n',
  'm.s.n',
  'u.s',
  'u.k',
  'u.s.a',
  'e.u',
  'a.m',
  'p.m',
  'est',
  'ext',
  'approx',
  'cert',
  'certs',
  'exp',
  'req',
  'pref',
]);

const ABBREVIATION_BEFORE_DOT = /([A-Za-z]+(?:\.[A-Za-z]+)*)$/;

/** Whether the full stop at `index` ends a sentence: not in a number, an abbreviation or an initial. */
function endsSentence(text: string, index: number): boolean {
  const next = text.charCodeAt(index + 1);
  // "1.5", "J.D." inside a word, "node.js": the dot is followed by a letter or digit.
  if (index + 1 < text.length && !(next === 0x20 || next === 0x0a || next === 0x09 || next === 0xa0 || next === 0x29 || next === 0x22)) {
    return false;
  }
  const word = ABBREVIATION_BEFORE_DOT.exec(text.slice(Math.max(0, index - 12), index))?.[1];
  if (!word) return true;
  if (word.length === 1 && /[A-Z]/.test(word)) return false;
  if (/\.[A-Za-z]$/.test(word)) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * The start and end of the sentence around `[from, to)`: bounded by line breaks, semicolons, bullets and
 * full stops that end a sentence (not those of "J.D.", "U.S.", "Ph.D.", "e.g.", "etc." or "1.5").
 */
export function sentenceAround(text: string, from: number, to: number = from): { start: number; end: number } {
  let start = from;
  while (start > 0) {
    const character = text[start - 1]!;
    if (
      character === '\n' ||
      character === ';' ||
      character === '•' ||
      ((character === '.' || character === '!' || character === '?') && endsSentence(text, start - 1))
    )
      break;
    start--;
  }
  let end = to;
  while (end < text.length) {
    const character = text[end]!;
    if (
      character === '\n' ||
      character === ';' ||
      character === '•' ||
      ((character === '.' || character === '!' || character === '?') && endsSentence(text, end))
    )
      break;
    end++;
  }
  return { start, end };
}
