/// <reference path="../types/stopword.d.ts" />
/**
 * Turns posting text into the terms both the tracks and the model read: lower-cased words, English stop
 * words removed (the `stopword` list), each word reduced to its Porter stem (`stemmer`), plus the
 * bigrams of consecutive kept words. Track keywords go through the same steps, so "Data Engineering"
 * in a track matches "data engineers" in a posting.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOP_WORDS = new Set(eng);
// Words, keeping the punctuation that belongs to technology names: c++, c#, node.js, .net stays "net".
const WORD = /[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9]+)*/g;
// Single letters carry no meaning except these languages.
const ONE_LETTER_WORDS = new Set(['c', 'r']);
const ALPHABETIC = /^[a-z]+$/;

// Stemming is the costly step and posting vocabularies repeat, so stems are remembered (bounded).
const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

// Words of three letters or fewer are mostly names (aws, gcp, dbt, sql) that stemming would spoil ("aw").
function stemOf(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = ALPHABETIC.test(word) && word.length > 3 ? stemmer(word) : word;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/** The words of a text in order, as stems and as written (lower-cased), stop words removed. */
export interface TokenizedText {
  readonly stems: string[];
  readonly words: string[];
}

/** Tokenizes text: lower-case words without stop words, with their stems. */
export function tokenizeText(text: string): TokenizedText {
  const stems: string[] = [];
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (STOP_WORDS.has(word)) continue;
    if (word.length === 1 && !ONE_LETTER_WORDS.has(word)) continue;
    words.push(word);
    stems.push(stemOf(word));
  }
  return { stems, words };
}

/** The stems of a text (stop words removed), in order. */
export function tokenize(text: string): string[] {
  return tokenizeText(text).stems;
}

/** The bigram of two stems as it appears in a bag of terms. */
export function bigram(first: string, second: string): string {
  return `${first} ${second}`;
}

/** Counts of every stem and every bigram of consecutive stems. */
export function termCounts(stems: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < stems.length; i++) {
    const stem = stems[i]!;
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
    if (i > 0) {
      const pair = bigram(stems[i - 1]!, stem);
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return counts;
}
