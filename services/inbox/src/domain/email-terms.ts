/**
 * Turns a message into the terms the classifier counts: Porter stems (`stemmer`) of the subject and the
 * body, the bigrams of consecutive stems, and the sender's domain. Subject terms are kept apart (`s:`
 * prefix) because a subject is a summary: "Interview invitation" there says more than a body's mention
 * of a past interview. Stop words are kept on purpose: "not", "unfortunately" and "will" carry the
 * difference between a rejection and an invitation. Links count only by their host (`url:hackerrank.com`).
 */
import { stemmer } from 'stemmer';
import { domainOf, type EmailContent } from './email.js';

const URL = /https?:\/\/([a-z0-9.-]+)[^\s]*/gi;
const WORD = /[a-z][a-z']*[a-z]|[a-z]/g;
// Stemming dominates the cost and mail repeats its words, so stems are remembered (bounded).
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

function stemOf(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = stemmer(word.replace(/'/g, ''));
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

function add(counts: Map<string, number>, term: string): void {
  counts.set(term, (counts.get(term) ?? 0) + 1);
}

function countText(counts: Map<string, number>, text: string, prefix: string): void {
  const withoutLinks = text.replace(URL, (_link, host: string) => {
    add(counts, `url:${host.toLowerCase().replace(/^www\./, '')}`);
    return ' ';
  });
  let previous: string | undefined;
  for (const match of withoutLinks.toLowerCase().matchAll(WORD)) {
    const stem = stemOf(match[0]);
    add(counts, prefix + stem);
    if (previous !== undefined) add(counts, `${prefix}${previous} ${stem}`);
    previous = stem;
  }
}

/** The counted terms of a message. */
export function emailTerms(email: EmailContent): Map<string, number> {
  const counts = new Map<string, number>();
  countText(counts, email.subject, 's:');
  countText(counts, email.text, '');
  const domain = domainOf(email.from.address);
  if (domain) add(counts, `from:${domain}`);
  return counts;
}
