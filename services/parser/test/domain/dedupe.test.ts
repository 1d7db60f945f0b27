import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupeKey, duplicateConfidence, normalizedCompany, normalizedTitle, textSimilarity } from '../../src/domain/dedupe.js';

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

test('similarity and confidence', () => {
  assert.equal(textSimilarity('a b c d e', 'a b c d e'), 1);
  assert.equal(textSimilarity('a b c d e', 'v w x y z'), 0);
  assert.equal(duplicateConfidence('dedupe-key', 0), 0.8);
  assert.equal(duplicateConfidence('dedupe-key', 1), 1);
  assert.equal(duplicateConfidence('text-fingerprint', 0.5), 0.925);
});
