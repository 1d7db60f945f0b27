import dictionary from './skills-dictionary.json' with { type: 'json' };
import { SpellingTrie } from './spelling-trie.js';

/** One skill of the dictionary: its canonical name, other spellings, and spellings that only count in this exact case. */
export interface SkillEntry {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseSensitive?: readonly string[];
  /** False for names that are also common English words ("Go", "Spring"): only the aliases are searched. */
  readonly matchName?: boolean;
}

/** A lookup table of the ASCII characters in `characters` (a regex character class body). */
function asciiSet(characters: string): Uint8Array {
  const set = new Uint8Array(128);
  const pattern = new RegExp(`[${characters}]`);
  for (let code = 0; code < 128; code++) set[code] = pattern.test(String.fromCharCode(code)) ? 1 : 0;
  return set;
}

// A skill stands alone: no letter, digit or joining symbol right before or after ("Java" is not in "JavaScript").
const JOINED_BEFORE = asciiSet('A-Za-z0-9_+#.@-');
const JOINED_AFTER = asciiSet('A-Za-z0-9_+#');
const WORD_CHARACTER = asciiSet('A-Za-z0-9');
const SLASH = 0x2f;
const DOT = 0x2e;
const HYPHEN = 0x2d;

const isIn = (set: Uint8Array, code: number) => code < 128 && set[code] === 1;

function standsAloneBefore(text: string, index: number): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  if (isIn(JOINED_BEFORE, previous)) return false;
  return !(previous === SLASH && text.charCodeAt(index - 2) === SLASH);
}

/** Nothing joined after the end: no letter, digit or joining symbol, no "." or "-" before a word, no "://". */
function standsAloneAfter(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const next = text.charCodeAt(end);
  if (isIn(JOINED_AFTER, next)) return false;
  if ((next === DOT || next === HYPHEN) && isIn(WORD_CHARACTER, text.charCodeAt(end + 1))) return false;
  return !text.startsWith('://', end);
}

const byName = new Intl.Collator('en', { sensitivity: 'base' }).compare;

/** Finds dictionary skills in text with a trie walk per word start and case mode. */
export class SkillMatcher {
  private readonly byName = new Map<string, string>();
  private readonly insensitive = new SpellingTrie(true);
  private readonly sensitive = new SpellingTrie(false);

  constructor(entries: readonly SkillEntry[]) {
    for (const entry of entries) {
      this.byName.set(entry.name.toLowerCase(), entry.name);
      const spellings = entry.matchName === false ? (entry.aliases ?? []) : [entry.name, ...(entry.aliases ?? [])];
      for (const spelling of spellings) this.insensitive.add(spelling.toLowerCase(), entry.name);
      for (const spelling of entry.caseSensitive ?? []) this.sensitive.add(spelling, entry.name);
    }
  }

  /**
   * Canonical names of the skills the text mentions, sorted by name. One scan, two cursors: at each
   * position where a word can start, each case mode takes the longest spelling that also ends alone
   * and skips past it; an exact-case spelling inside a longer match is part of that skill ("BI" in
   * "Power BI").
   */
  find(text: string): string[] {
    const found = new Set<string>();
    let insensitiveFrom = 0;
    let sensitiveFrom = 0;
    // End of the last case-insensitive match: matches never overlap, so it is the only one that can hold a position.
    let spanEnd = 0;
    for (let start = 0; start < text.length; start++) {
      if (!standsAloneBefore(text, start)) continue;
      if (start >= insensitiveFrom) {
        const match = this.insensitive.longestAt(text, start, standsAloneAfter);
        if (match) {
          found.add(match.value);
          insensitiveFrom = spanEnd = match.end;
        }
      }
      if (start >= sensitiveFrom) {
        const match = this.sensitive.longestAt(text, start, standsAloneAfter);
        if (match) {
          sensitiveFrom = match.end;
          if (start >= spanEnd) found.add(match.value);
        }
      }
    }
    return [...found].sort(byName);
  }

  /** A source's own skill label in the dictionary's spelling when it differs only in case ("javascript" → "JavaScript"). */
  canonical(label: string): string {
    const trimmed = label.trim();
    return this.byName.get(trimmed.toLowerCase()) ?? trimmed;
  }
}

/** The matcher over the maintained dictionary (skills-dictionary.json). */
export const skillDictionary = new SkillMatcher((dictionary as { skills: SkillEntry[] }).skills);

/** Skills a source lists itself: canonical names, trimmed, without repeats (first spelling kept), at most 200. */
export function sourceSkills(labels: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const label of labels) {
    const name = skillDictionary.canonical(label).slice(0, 100);
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()].slice(0, 200);
}
