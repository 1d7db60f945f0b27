import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  dedupeKey,
  duplicateConfidence,
  MIN_FINGERPRINT_TEXT,
  normalizedCompany,
  normalizedTitle,
  textFingerprint,
  textSimilarity,
} from '../../src/domain/dedupe.js';

test('company names lose case, punctuation, legal suffixes and bracketed countries', () => {
  assert.equal(normalizedCompany('GRAVITON RESEARCH CAPITAL (SINGAPORE) PTE. LTD.'), 'graviton research capital');
  assert.equal(normalizedCompany('Quanta Labs, Inc.'), 'quanta labs');
  assert.equal(normalizedCompany('Fernpay B.V.'), 'fernpay');
  assert.equal(normalizedCompany('Banco Azul S.A.'), 'banco azul');
  assert.equal(normalizedCompany('Acme Analytics GmbH'), 'acme analytics');
});

test('titles lose case, brackets and common abbreviations', () => {
  assert.equal(normalizedTitle('Sr. Data Eng (m/f/d)'), 'senior data engineer');
  assert.equal(normalizedTitle('Senior Data Engineer'), 'senior data engineer');
  assert.equal(normalizedTitle('Jr Dev / Sr. Mgr, Eng+Dev'), 'junior developer senior manager eng+dev');
  assert.equal(normalizedTitle('Srx Devops Engineer'), 'srx devops engineer');
  // A word that names a property of every object is still just a word.
  assert.equal(normalizedTitle('Bridge Constructor'), 'bridge constructor');
});

test('the same job on two boards gets the same key; another city does not', () => {
  const london = [{ display: 'London, England, United Kingdom', city: 'London', region: 'England', country: 'United Kingdom' }];
  assert.equal(
    dedupeKey('Vercel', 'Account Executive, Commercial', london, false),
    dedupeKey('Vercel Inc.', 'Account Executive - Commercial', [{ display: 'London' }], null),
  );
  assert.notEqual(
    dedupeKey('Vercel', 'Account Executive', london, false),
    dedupeKey('Vercel', 'Account Executive', [{ display: 'Berlin' }], false),
  );
  assert.equal(dedupeKey('Acme', 'Engineer', [], true), 'acme|engineer|remote');
});

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

test('similarity and confidence', () => {
  assert.equal(textSimilarity('a b c d e', 'a b c d e'), 1);
  assert.equal(textSimilarity('a b c d e', 'v w x y z'), 0);
  assert.equal(duplicateConfidence('dedupe-key', 0), 0.8);
  assert.equal(duplicateConfidence('dedupe-key', 1), 1);
  assert.equal(duplicateConfidence('text-fingerprint', 0.5), 0.925);
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
