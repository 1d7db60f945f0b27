import vocabulary from './skills/vocabulary.json' with { type: 'json' };
import type { SkillEntry } from './skills/vocabulary-format.js';
import { asciiLower, type SpellingMatches, SpellingTrie } from './spelling-trie.js';

export type { SkillEntry } from './skills/vocabulary-format.js';

/** Where a skill is named in a text. */
export interface SkillMention {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** What a spelling stands for: the skill, and whether it counts only near another skill. */
interface Spelling {
  readonly name: string;
  readonly nearbyOnly: boolean;
}

/** How far (in characters) a nearby-only spelling may be from another skill: about a sentence or a list. */
const NEARBY_DISTANCE = 120;

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

/** Slots (bits) of the table of first words: a power of two, small enough to stay in the processor's cache. */
const FIRST_WORD_BITS = 1 << 16;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A hash (FNV-1a) of the word — the run of ASCII letters and digits — at `start`, folded as the trie folds; -1 where none starts. */
function firstWordHash(text: string, start: number): number {
  let hash = FNV_OFFSET;
  let index = start;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isIn(WORD_CHARACTER, code)) break;
    hash = Math.imul(hash ^ asciiLower(code), FNV_PRIME);
  }
  return index === start ? -1 : hash >>> 0;
}

/**
 * The first words of every spelling, as bits of a hash table. A spelling that matches where a word
 * starts covers that whole word (a letter or digit after its end would join it to the word), so its own
 * first word is that word: where the table lacks the text's word, no spelling matches and the trie walk,
 * whose first steps are reads far apart in memory, is skipped. About half the words of a posting are such words.
 */
class FirstWords {
  private readonly bits = new Uint32Array(FIRST_WORD_BITS / 32);

  add(spelling: string): void {
    const hash = firstWordHash(spelling, 0);
    if (hash >= 0) this.bits[(hash & (FIRST_WORD_BITS - 1)) >>> 5]! |= 1 << (hash & 31);
  }

  /** False only when the text at `start` begins with a word no spelling begins with. */
  mayStart(text: string, start: number): boolean {
    const hash = firstWordHash(text, start);
    return hash < 0 || (this.bits[(hash & (FIRST_WORD_BITS - 1)) >>> 5]! & (1 << (hash & 31))) !== 0;
  }
}

/** What may stand between two items of one list: commas, slashes, "and", "or", brackets. */
const LIST_GAP = /^[\s,;/&()]*(?:(?:and|or)[\s,;/&()]*)?$/i;

/** Whether a tentative mention stands in one list with the tentative mention before or after it, of another skill. */
function listedWithNeighbour(text: string, tentative: readonly SkillMention[], index: number): boolean {
  const mention = tentative[index]!;
  return [tentative[index - 1], tentative[index + 1]].some(
    (other) =>
      other !== undefined &&
      other.name !== mention.name &&
      LIST_GAP.test(text.slice(Math.min(mention.end, other.end), Math.max(mention.start, other.start))),
  );
}

/**
 * The tentative mentions within reach of an anchor (a confident mention of another skill), growing
 * the anchors with each one kept, so a list "Outlook, Word, Teams, Excel" holds together. Two tentative
 * mentions that are neighbours in one list ("Word, Teams and Outlook") anchor each other.
 */
function nearAnchors(text: string, tentative: readonly SkillMention[], confident: readonly SkillMention[]): SkillMention[] {
  const anchors = [...confident];
  for (const [index, mention] of tentative.entries()) if (listedWithNeighbour(text, tentative, index)) anchors.push(mention);
  const kept: SkillMention[] = [];
  let pending = tentative.filter((mention) => !anchors.includes(mention));
  kept.push(...tentative.filter((mention) => anchors.includes(mention)));
  for (let grew = true; grew && pending.length > 0; ) {
    grew = false;
    pending = pending.filter((mention) => {
      const near = anchors.some(
        (other) =>
          other.name !== mention.name && other.start - mention.end <= NEARBY_DISTANCE && mention.start - other.end <= NEARBY_DISTANCE,
      );
      if (near) {
        kept.push(mention);
        anchors.push(mention);
        grew = true;
      }
      return !near;
    });
  }
  return kept;
}

/**
 * Skill names in dictionary order, ignoring case and accents. One collator for every comparison:
 * `localeCompare` with a locale or options builds a new one per call, most of a sort's time.
 */
export const bySkillName = new Intl.Collator('en', { sensitivity: 'base' }).compare;

/** Finds vocabulary skills in text with a trie walk per word start and case mode. */
export class SkillMatcher {
  private readonly byName = new Map<string, string>();
  private readonly categories = new Map<string, string>();
  private readonly spellings = new SpellingTrie<Spelling>();
  private readonly firstWords = new FirstWords();
  private readonly found: SpellingMatches<Spelling> = { anyCaseEnd: -1, anyCase: undefined, exactEnd: -1, exact: undefined };

  constructor(entries: readonly SkillEntry[]) {
    for (const entry of entries) {
      this.byName.set(entry.name.toLowerCase(), entry.name);
      if (entry.category) this.categories.set(entry.name, entry.category);
      const confident = { name: entry.name, nearbyOnly: false };
      const spellings = entry.matchName === false ? (entry.aliases ?? []) : [entry.name, ...(entry.aliases ?? [])];
      for (const spelling of spellings) this.addSpelling(spelling.toLowerCase(), confident, false);
      for (const spelling of entry.caseSensitive ?? []) this.addSpelling(spelling, confident, true);
      for (const spelling of entry.nearby ?? []) this.addSpelling(spelling, { name: entry.name, nearbyOnly: true }, true);
    }
  }

  private addSpelling(spelling: string, value: Spelling, caseSensitive: boolean): void {
    this.spellings.add(spelling, value, caseSensitive);
    this.firstWords.add(spelling);
  }

  /** Each vocabulary name's place in bySkillName order (names that compare equal share one), built on first use. */
  private ranks: Map<string, number> | undefined;

  /**
   * Compares skill names as bySkillName does, from each vocabulary name's place in that order: a sort of a
   * posting's skills then compares numbers instead of collating strings (a collator call each time).
   */
  readonly compareNames = (a: string, b: string): number => {
    this.ranks ??= this.rankNames();
    const rankA = this.ranks.get(a);
    const rankB = this.ranks.get(b);
    return rankA === undefined || rankB === undefined ? bySkillName(a, b) : rankA - rankB;
  };

  /** The names in bySkillName order, each vocabulary name's rank looked up once rather than twice per comparison. */
  sortedNames(names: readonly string[]): string[] {
    this.ranks ??= this.rankNames();
    const ranks = this.ranks;
    if (!names.every((name) => ranks.has(name))) return [...names].sort(this.compareNames);
    return names
      .map((name) => ({ name, rank: ranks.get(name)! }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ name }) => name);
  }

  private rankNames(): Map<string, number> {
    const names = [...this.byName.values()].sort(bySkillName);
    const ranks = new Map<string, number>();
    names.forEach((name, index) => {
      const previous = names[index - 1];
      ranks.set(name, previous !== undefined && bySkillName(previous, name) === 0 ? ranks.get(previous)! : index);
    });
    return ranks;
  }

  /** How many skills the vocabulary holds. */
  get size(): number {
    return this.byName.size;
  }

  /** Canonical names of the skills the text mentions, sorted by name. */
  find(text: string): string[] {
    return [...new Set(this.mentions(text).map((mention) => mention.name))].sort(this.compareNames);
  }

  /**
   * Every mention of a skill, in text order. One scan, two cursors: at each position where a word can
   * start, each case mode takes the longest spelling that also ends alone and skips past it; an
   * exact-case spelling inside a longer match is part of that skill ("BI" in "Power BI"). A nearby-only
   * spelling ("spark", "Word") is kept when another skill is named within about a sentence of it.
   */
  mentions(text: string): SkillMention[] {
    const confident: SkillMention[] = [];
    const tentative: SkillMention[] = [];
    let insensitiveFrom = 0;
    let sensitiveFrom = 0;
    // End of the last case-insensitive match: matches never overlap, so it is the only one that can hold a position.
    let spanEnd = 0;
    const found = this.found;
    for (let start = 0; start < text.length; start++) {
      if (start < insensitiveFrom && start < sensitiveFrom) continue;
      if (!standsAloneBefore(text, start) || !this.firstWords.mayStart(text, start)) continue;
      if (!this.spellings.longestAt(text, start, standsAloneAfter, found)) continue;
      if (start >= insensitiveFrom && found.anyCaseEnd >= 0) {
        confident.push({ name: found.anyCase!.name, start, end: found.anyCaseEnd });
        insensitiveFrom = spanEnd = found.anyCaseEnd;
      }
      if (start >= sensitiveFrom && found.exactEnd >= 0) {
        sensitiveFrom = found.exactEnd;
        if (start >= spanEnd)
          (found.exact!.nearbyOnly ? tentative : confident).push({ name: found.exact!.name, start, end: found.exactEnd });
      }
    }
    if (tentative.length === 0) return confident;
    return [...confident, ...nearAnchors(text, tentative, confident)].sort((a, b) => a.start - b.start);
  }

  /** The category of a skill of the vocabulary (software, healthcare…), undefined for others. */
  categoryOf(name: string): string | undefined {
    return this.categories.get(name);
  }

  /** A source's own skill label in the vocabulary's spelling when it differs only in case ("javascript" → "JavaScript"). */
  canonical(label: string): string {
    const trimmed = label.trim();
    return this.byName.get(trimmed.toLowerCase()) ?? trimmed;
  }
}

/** The matcher over the maintained vocabulary (vocabulary/*.tsv, compiled to skills/vocabulary.json). */
export const skillDictionary = new SkillMatcher((vocabulary as { skills: SkillEntry[] }).skills);

/** Skills a source lists itself: canonical names, trimmed, without repeats (first spelling kept), at most 200. */
export function sourceSkills(labels: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const label of labels) {
    const name = skillDictionary.canonical(label).slice(0, 100);
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()].slice(0, 200);
}
