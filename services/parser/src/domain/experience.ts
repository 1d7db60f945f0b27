/** Years of experience a posting asks for; either bound may be open. */
export interface ExperienceYears {
  readonly min: number | null;
  readonly max: number | null;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  a: 1,
  an: 1,
};
const N = String.raw`(\d{1,2}(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)(?:\s*\(\s*\d{1,2}\s*\))?`;
const YEARS = String.raw`(?:years?|yrs?\.?|yoe)(?:'|’)?`;
const RANGE = new RegExp(String.raw`(?:between\s+)?${N}\s*(?:\+\s*)?(?:-|–|—|~|to|and)\s*${N}\s*\+?\s*${YEARS}`, 'gi');
const AT_LEAST = new RegExp(
  String.raw`(?:at\s+least|minimum(?:\s+of)?|min\.?(?:\s+of)?|no\s+less\s+than|not\s+less\s+than|more\s+than|over|in\s+excess\s+of|upwards\s+of)\s+(?:an?\s+)?${N}\s*\+?\s*(?:full\s+)?${YEARS}`,
  'gi',
);
const PLUS = new RegExp(
  String.raw`${N}\s*(?:\+|or\s+more|or\s+above|and\s+above|plus)\s*${YEARS}|${N}\s*${YEARS}\s*(?:\+|or\s+more|minimum|min\.?|plus|and\s+above)`,
  'gi',
);
const UP_TO = new RegExp(String.raw`(?:up\s+to|maximum(?:\s+of)?|max\.?|less\s+than|under)\s+${N}\s*${YEARS}`, 'gi');
const PLAIN = new RegExp(String.raw`(?:approximately\s+|about\s+|around\s+|~\s*)?\b${N}\s*(?:full\s+)?${YEARS}`, 'gi');
const NONE_NEEDED =
  /\b(?:no\s+(?:prior\s+|previous\s+)?experience\s+(?:is\s+)?(?:required|necessary|needed)|fresh\s+graduates?\s+(?:are\s+)?welcome|entry[-\s]level)\b/i;
const CONTEXT =
  /experience|exp\b|background|track\s+record|professional|industry|hands[-\s]on|working|in\s+(?:a|the)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:role|position)|practice/i;

function numberOf(text: string | undefined): number | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  if (lower in WORD_NUMBERS) return WORD_NUMBERS[lower]!;
  const value = Number(lower);
  return Number.isFinite(value) ? value : null;
}

interface Candidate {
  readonly index: number;
  readonly end: number;
  readonly years: ExperienceYears;
}

function candidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  const add = (pattern: RegExp, read: (m: RegExpMatchArray) => ExperienceYears | null) => {
    for (const match of text.matchAll(pattern)) {
      const years = read(match);
      if (years) found.push({ index: match.index ?? 0, end: (match.index ?? 0) + match[0].length, years });
    }
  };
  add(RANGE, (m) => {
    const low = numberOf(m[1]);
    const high = numberOf(m[2]);
    return low !== null && high !== null && high >= low ? { min: low, max: high } : null;
  });
  add(AT_LEAST, (m) => ({ min: numberOf(m[1]), max: null }));
  add(PLUS, (m) => ({ min: numberOf(m[1] ?? m[2]), max: null }));
  add(UP_TO, (m) => ({ min: 0, max: numberOf(m[1]) }));
  add(PLAIN, (m) => ({ min: numberOf(m[1]), max: null }));
  return found;
}

function aboutExperience(text: string, candidate: Candidate): boolean {
  const after = text.slice(candidate.end, candidate.end + 70);
  const before = text.slice(Math.max(0, candidate.index - 50), candidate.index);
  const sentenceAfter = after.split(/[.;\n]/)[0] ?? '';
  const sentenceBefore = before.split(/[.;\n]/).pop() ?? '';
  if (/^\s*(?:old|ago|of\s+age|warranty|contract|lease|in\s+business)\b/i.test(after)) return false;
  return CONTEXT.test(sentenceAfter) || /experience|exp\b/i.test(sentenceBefore);
}

/**
 * Reads the years of experience a posting asks for from its text: "3-5 years", "at least 5 years",
 * "minimum 2 yrs", "5+ years", "two (2) years", "up to 3 years", "no experience required". The earliest
 * phrase that is about experience wins (the main requirement usually comes first); null when none is.
 */
export function experienceFromText(text: string): ExperienceYears | null {
  // Only the neighbourhood of a year word can hold a requirement; long descriptions are mostly elsewhere.
  if (!/\b(?:years?|yrs?|yoe)\b/i.test(text)) {
    return NONE_NEEDED.test(text) ? { min: 0, max: 0 } : null;
  }
  const found = candidates(text)
    .filter((candidate) => candidate.years.min === null || candidate.years.min <= 50)
    .filter((candidate) => candidate.years.max === null || candidate.years.max <= 50)
    .filter((candidate) => aboutExperience(text, candidate))
    .sort((a, b) => a.index - b.index || b.end - a.end);
  const first = found[0];
  const none = NONE_NEEDED.exec(text);
  if (none && (!first || none.index < first.index)) return { min: 0, max: 0 };
  return first ? first.years : null;
}
