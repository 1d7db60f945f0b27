import dictionary from './skills-dictionary.json' with { type: 'json' };

/** One skill of the dictionary: its canonical name, other spellings, and spellings that only count in this exact case. */
export interface SkillEntry {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseSensitive?: readonly string[];
  /** False for names that are also common English words ("Go", "Spring"): only the aliases are searched. */
  readonly matchName?: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A skill stands alone: no letter, digit or joining symbol right before or after ("Java" is not in "JavaScript").
// The "before" side is checked in code: a lookbehind at every position of a long text is the slow part.
const AFTER = String.raw`(?![A-Za-z0-9_+#]|[.-][A-Za-z0-9]|:\/\/)`;
const JOINED_BEFORE = /[A-Za-z0-9_+#.@-]/;

function standsAlone(text: string, index: number): boolean {
  if (index === 0) return true;
  if (JOINED_BEFORE.test(text[index - 1]!)) return false;
  return !(text[index - 1] === '/' && text[index - 2] === '/');
}

/** Every match of a skills pattern that stands alone, including ones that start inside a rejected match. */
function* aloneMatches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (standsAlone(text, match.index)) yield match;
    else pattern.lastIndex = match.index + 1;
  }
}

function alternation(words: readonly string[], flags: string): RegExp | undefined {
  if (words.length === 0) return undefined;
  const sorted = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?:${sorted.join('|')})${AFTER}`, flags);
}

/** Finds dictionary skills in text with one pass per case mode. */
export class SkillMatcher {
  private readonly byLowerSpelling = new Map<string, string>();
  private readonly byExactSpelling = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly insensitive: RegExp | undefined;
  private readonly sensitive: RegExp | undefined;

  constructor(entries: readonly SkillEntry[]) {
    for (const entry of entries) {
      this.byName.set(entry.name.toLowerCase(), entry.name);
      const spellings = entry.matchName === false ? (entry.aliases ?? []) : [entry.name, ...(entry.aliases ?? [])];
      for (const spelling of spellings) this.byLowerSpelling.set(spelling.toLowerCase(), entry.name);
      for (const spelling of entry.caseSensitive ?? []) this.byExactSpelling.set(spelling, entry.name);
    }
    this.insensitive = alternation([...this.byLowerSpelling.keys()], 'gi');
    this.sensitive = alternation([...this.byExactSpelling.keys()], 'g');
  }

  /** Canonical names of the skills the text mentions, sorted by name. */
  find(text: string): string[] {
    const found = new Set<string>();
    const spans: [number, number][] = [];
    for (const match of this.insensitive ? aloneMatches(this.insensitive, text) : []) {
      const name = this.byLowerSpelling.get(match[0].toLowerCase());
      if (name) found.add(name);
      spans.push([match.index, match.index + match[0].length]);
    }
    // An exact-case spelling inside a longer match is part of that skill ("BI" in "Power BI").
    for (const match of this.sensitive ? aloneMatches(this.sensitive, text) : []) {
      const inside = spans.some(([start, end]) => match.index >= start && match.index < end);
      const name = this.byExactSpelling.get(match[0]);
      if (name && !inside) found.add(name);
    }
    return [...found].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
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
