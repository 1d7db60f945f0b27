import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { MIN_FINGERPRINT_TEXT, textFingerprint } from '../../src/domain/text-fingerprint.js';

test('text fingerprints ignore case, punctuation and numbers; short texts have none', () => {
  const text = 'We are hiring an engineer to build our billing platform. You will reconcile payments nightly and design ledgers. '.repeat(
    3,
  );
  assert.equal(textFingerprint(text), textFingerprint(text.toUpperCase().replace(/\./g, '!')));
  assert.notEqual(textFingerprint(text), textFingerprint(`${text} Also on-call.`));
  assert.equal(textFingerprint('Short text.'), null);
});

test('text fingerprints read every run of spaces, punctuation and accents alike', () => {
  const plain = 'we build the cafe billing platform in c++ and c# with 3 teams '.repeat(5);
  const messy = ' We  build -- the Café\tbilling, platform…\nin C++ & C# with 12 teams! '.repeat(5);
  assert.equal(textFingerprint(messy), textFingerprint(plain));
});

test('the text fingerprint drops numbers standing as words exactly as replacing each by a space and collapsing spaces does', () => {
  // Texts already in the fingerprint's word form (lower case, letters, digits, "+" and "#", single spaces).
  const tokens = ['5', '12', '2024', 'a', 'b2', '3d', 'c++', '+', '#', '5+', '+5', 'c#', '10+', '#1', '1#', 'x5y', 'word'];
  const reference = (text: string) => {
    const normalized = text
      .replace(/\b\d+\b/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim();
    return normalized.length < MIN_FINGERPRINT_TEXT ? null : createHash('sha256').update(normalized).digest('hex');
  };
  let seed = 15;
  const next = (below: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % below;
  };
  for (let round = 0; round < 2000; round++) {
    const words = Array.from({ length: 60 + next(80) }, () => tokens[next(tokens.length)]!);
    const text = words.join(' ');
    assert.equal(textFingerprint(text), reference(text), text);
  }
});

test('the text fingerprint is the sha256 of the words as the lower-casing, accent-dropping, regex-replacing reading makes them', () => {
  // The reading the fingerprints of stored jobs were made with, step by step over strings.
  const reference = (text: string) => {
    const unaccented = /[\u0080-\uffff]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
    const words = unaccented
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9+#]+/g, ' ')
      .trim();
    const normalized = words.replace(/ ?(?:\b\d+\b ?)+/g, ' ').trim();
    return normalized.length < MIN_FINGERPRINT_TEXT ? null : createHash('sha256').update(normalized).digest('hex');
  };
  const pieces = [
    'a',
    'Z',
    'q',
    '7',
    '42',
    '2024',
    '+',
    '#',
    '&',
    '_',
    '-',
    '.',
    ',',
    ' ',
    '  ',
    '\n',
    '\t',
    '\u00a0',
    'é',
    'Ü',
    'ß',
    'ﬁ',
    '\u212a',
    '\u0130',
    '’',
    '•',
    '–',
    '😀',
    '\u0301',
    '\u20d0',
    'Σ',
    'c++11',
    'C#',
    'R&D',
    'x5y',
  ];
  let seed = 99;
  const next = (below: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % below;
  };
  for (let round = 0; round < 3000; round++) {
    const text = Array.from({ length: 20 + next(300) }, () => pieces[next(pieces.length)]!).join('');
    assert.equal(textFingerprint(text), reference(text), JSON.stringify(text));
  }
});
