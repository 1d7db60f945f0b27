import { hash } from 'node:crypto';
import type { JobLocation } from './extracted-posting.js';

const LEGAL_SUFFIXES =
  /\b(pte|ltd|limited|llc|llp|inc|incorporated|corp|corporation|co|company|gmbh|ag|sa|sas|bv|nv|plc|pty|sdn|bhd|kk|oy|ab|as|srl|spa)\b/g;

// A run of anything but letters, digits, "+" and "#" — except a run that is already one space, which
// stays as it is (replacing those too would copy the text space by space).
const NON_WORD_RUN = / ?[^a-z0-9+# ][^a-z0-9+#]*| {2,}[^a-z0-9+#]*/g;

/** Any character outside ASCII (only those can carry accents or compatibility forms). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower-case words without accents, split by single spaces ("Café & Co." → "cafe and co"). */
function words(text: string): string {
  // Decomposing ASCII text changes nothing: skip it for the (common) all-ASCII description.
  const unaccented = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  const lower = unaccented.toLowerCase();
  // Each replace is skipped where it has nothing to replace: names and titles are short, and a replace
  // costs far more than a look for its character.
  return (lower.includes('&') ? lower.replace(/&/g, ' and ') : lower).replace(NON_WORD_RUN, ' ').trim();
}

/** A company name without case, punctuation, legal suffixes or a country in brackets ("ACME (Singapore) Pte. Ltd." → "acme"). */
export function normalizedCompany(company: string): string {
  // "B.V." and "S.A." are one word: join dotted single letters before splitting into words.
  const unbracketed = company.includes('(') ? company.replace(/\([^)]*\)/g, ' ') : company;
  const joined = unbracketed.includes('.') ? unbracketed.replace(/\b([A-Za-z])\.([A-Za-z])\b\.?/g, '$1$2') : unbracketed;
  return words(joined).replace(LEGAL_SUFFIXES, ' ').replace(/\s+/g, ' ').trim();
}

const TITLE_WORDS: Readonly<Record<string, string>> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  mgr: 'manager',
  eng: 'engineer',
  dev: 'developer',
};

// words() leaves words of letters, digits, "+" and "#" between single spaces: a whole word is one bounded
// by a space or an end.
const ABBREVIATED_WORD = /(?:^| )(?:sr|snr|jr|mgr|eng|dev)(?= |$)/;
const ABBREVIATED_WORDS = /(?<=^| )(?:sr|snr|jr|mgr|eng|dev)(?= |$)/g;

/** A title without case, punctuation, bracketed notes or common abbreviations ("Sr. Data Eng (m/f/d)" → "senior data engineer"). */
export function normalizedTitle(title: string): string {
  const bracketed = title.includes('(') || title.includes('[');
  const plain = words(bracketed ? title.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ') : title);
  return ABBREVIATED_WORD.test(plain) ? plain.replace(ABBREVIATED_WORDS, (word) => TITLE_WORDS[word]!) : plain;
}

/** The place part of the key: the first location's city (or display), or "remote". */
export function normalizedPlace(locations: readonly JobLocation[], remote: boolean | null): string {
  const first = locations[0];
  if (!first) return remote ? 'remote' : '';
  return words(first.city ?? first.display.split(',')[0] ?? first.display);
}

/** Key shared by postings of the same job on different sources: company + normalized title + place. */
export function dedupeKey(company: string, title: string, locations: readonly JobLocation[], remote: boolean | null): string {
  const key = `${normalizedCompany(company)}|${normalizedTitle(title)}|${normalizedPlace(locations, remote)}`;
  return key.length <= 300 ? key : hash('sha256', key, 'hex');
}

/** Numbers standing as words, one after another, with a space before the first and after each. */
const NUMBER_WORDS = / ?(?:\b\d+\b ?)+/g;

/** Shortest description text worth fingerprinting: shorter texts are boilerplate more often than not. */
export const MIN_FINGERPRINT_TEXT = 200;

/** Fingerprint of a description's words (case, punctuation, numbers and spacing ignored); null for short texts. */
export function textFingerprint(descriptionText: string): string | null {
  // words() leaves only single spaces, so a run of number words with the spaces around it becomes one space.
  const normalized = words(descriptionText).replace(NUMBER_WORDS, ' ').trim();
  if (normalized.length < MIN_FINGERPRINT_TEXT) return null;
  return hash('sha256', normalized, 'hex');
}

function shingles(text: string): Set<string> {
  const tokens = words(text).split(' ');
  const set = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) set.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  if (set.size === 0 && tokens.length > 0) set.add(tokens.join(' '));
  return set;
}

/** Jaccard similarity of two texts' word 3-shingles, from 0 (nothing shared) to 1 (same words in the same order). */
export function textSimilarity(a: string, b: string): number {
  const left = shingles(a);
  const right = shingles(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const shingle of left) if (right.has(shingle)) shared++;
  return shared / (left.size + right.size - shared);
}

/** How the candidate was found, which sets the floor of the confidence. */
export type DuplicateEvidence = 'dedupe-key' | 'text-fingerprint';

/**
 * Confidence that two postings are the same job: a matching company/title/place key starts at 0.8 and
 * rises with description similarity; an identical description text alone starts at 0.85.
 */
export function duplicateConfidence(evidence: DuplicateEvidence, similarity: number): number {
  const floor = evidence === 'dedupe-key' ? 0.8 : 0.85;
  return Math.round((floor + (1 - floor) * Math.max(0, Math.min(1, similarity))) * 1000) / 1000;
}
