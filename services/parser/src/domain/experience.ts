import { sentenceAround } from './sentences.js';

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

type Reading = (match: RegExpMatchArray) => ExperienceYears | null;

/** The phrasings of a requirement, each with how to read its years; on equal spans the earlier one wins. */
const READINGS: readonly [RegExp, Reading][] = [
  [
    RANGE,
    (m) => {
      const low = numberOf(m[1]);
      const high = numberOf(m[2]);
      return low !== null && high !== null && high >= low ? { min: low, max: high } : null;
    },
  ],
  [AT_LEAST, (m) => ({ min: numberOf(m[1]), max: null })],
  [PLUS, (m) => ({ min: numberOf(m[1] ?? m[2]), max: null })],
  [UP_TO, (m) => ({ min: 0, max: numberOf(m[1]) })],
  [PLAIN, (m) => ({ min: numberOf(m[1]), max: null })],
];

const plausible = (years: ExperienceYears) => (years.min === null || years.min <= 50) && (years.max === null || years.max <= 50);

/** Where a phrase's year word can start: every reading ends its phrase with YEARS, which starts so. */
const YEAR_WORD_START = /year|yr|yoe/i;
/**
 * The most characters other than whitespace a phrase of any reading has before its year word (RANGE's
 * "between 12.5 (12) + and fifteen (15) +" has 34), with a margin; whitespace runs are unbounded.
 */
const LONGEST_LEAD = 48;

/** Whether a character may be whitespace as `\s` reads it (every character but printable ASCII and Latin-1 may). */
const mayBeSpace = (code: number) => code <= 0x20 || code >= 0xa0;

/** A year word standing alone ("years", "yrs", "yoe"; not the "year" of "yearly"). */
const STANDALONE_YEAR_WORD = /\b(?:years?|yrs?|yoe)\b/gi;

/**
 * Where the patterns start looking: no phrase starts before the lead of the first year word (at
 * `yearWord`, -1 for none), so the text before it (often most of it: the company and the role come
 * before the requirements) is not scanned.
 */
function searchStart(text: string, yearWord: number): number {
  if (yearWord < 0) return text.length;
  let start = yearWord;
  for (let lead = 0; start > 0 && lead <= LONGEST_LEAD; start--) if (!mayBeSpace(text.charCodeAt(start - 1))) lead++;
  return start;
}

/** The first phrase of one pattern at or after `from` that is a plausible requirement about experience, unless it starts after `limit`. */
function firstRequirement(text: string, [pattern, read]: [RegExp, Reading], from: number, limit: number): Candidate | undefined {
  // exec on the pattern itself: matchAll would copy the pattern on every call. No pattern matches empty text.
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const index = match.index;
    if (index > limit) return undefined;
    const years = read(match);
    const candidate = years && { index, end: index + match[0].length, years };
    if (candidate && plausible(candidate.years) && aboutExperience(text, candidate)) return candidate;
  }
  return undefined;
}

/**
 * The earliest requirement about experience (the longer one on the same start). Each pattern's matches
 * come in text order, so its first one that qualifies is its best, and a pattern stops looking once it
 * is past the best found so far.
 */
function earliestRequirement(text: string, yearWord = text.search(YEAR_WORD_START)): Candidate | undefined {
  const from = searchStart(text, yearWord);
  let best: Candidate | undefined;
  for (const reading of READINGS) {
    const found = firstRequirement(text, reading, from, best?.index ?? Number.POSITIVE_INFINITY);
    if (found && (!best || found.index < best.index || (found.index === best.index && found.end > best.end))) best = found;
  }
  return best;
}

/** Words right after the years that make them the age of something else: "10 years ago", "20 years in business". */
const AGE_AFTER =
  /^\s*(?:old|ago|of\s+age|warranty|contract|lease|in\s+(?:business|operation|the\s+making|the\s+market)|of\s+(?:history|heritage|service|serving|excellence|innovation|growth|success|delivering|providing|helping|trusted)|and\s+counting|running)\b/i;
/** Words before the years that make them the employer's history: "founded", "for over 30 years, Acme…", "our 20 years". */
const EMPLOYER_BEFORE =
  /\b(?:founded|established|since|celebrat\w*|anniversary|(?:we|they|it)(?:'ve|’ve|\s+have|\s+has)\s+been\s+\w+(?:\s+\w+)?\s+for(?:\s+(?:over|more\s+than|nearly|almost))?|(?:our|its|their)(?:\s+(?:over|more\s+than|nearly|almost))?)\s*$/i;
/** A sentence that goes on with the employer as its subject: "With 25 years of experience, Acme serves…". */
const EMPLOYER_SUBJECT_AFTER =
  /^[^,.;\n]{0,40},\s*(?:we|our|the\s+(?:company|firm|group|practice|team|business|agency|organi[sz]ation)|[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}\s+(?:is|has|have|provides|offers|helps|serves|delivers|remains|continues|builds|supports))\b/;
const FOR_OVER_BEFORE = /\bfor\s+(?:over|more\s+than|nearly|almost|the\s+(?:past|last))\s*$/i;
const ABOUT_CANDIDATE = /\b(?:you|your|candidates?|applicants?|the\s+ideal)\b/i;

/** Whether the years are the employer's or a product's age or history rather than a requirement. */
function aboutTheEmployer(sentenceBefore: string, after: string): boolean {
  if (AGE_AFTER.test(after) || EMPLOYER_BEFORE.test(sentenceBefore) || EMPLOYER_SUBJECT_AFTER.test(after)) return true;
  return FOR_OVER_BEFORE.test(sentenceBefore) && !ABOUT_CANDIDATE.test(sentenceBefore);
}

/** What follows years that a person reads as experience even without the word: "5+ years building services", "3 years of inpatient coding", "2 years as a paralegal". */
const WORK_AFTER =
  /^\s*(?:(?:of|in|as|with|at|on|supporting|building|working|developing|managing|leading|running|writing|designing|selling|teaching|practi[cs]ing|doing)\b(?!\s+(?:total|a\s+row|advance|the\s+(?:future|past|last)|age|business|prison))|[a-z]+ing\b)/i;
/** The employer as the subject right before the years: "our firm has over 25 years…". */
const EMPLOYER_HAS_BEFORE =
  /\b(?:firm|company|team|practice|business|agency|group|organi[sz]ation|clinic|hospital|we|they)\s+(?:has|have|brings?|boasts?)\s+(?:(?:over|more\s+than|nearly|almost|some)\s+)?$/i;

function aboutExperience(text: string, candidate: Candidate): boolean {
  const sentence = sentenceAround(text, candidate.index, candidate.end);
  const after = text.slice(candidate.end, Math.min(sentence.end, candidate.end + 70));
  const sentenceBefore = text.slice(sentence.start, candidate.index);
  if (aboutTheEmployer(sentenceBefore, text.slice(candidate.end, sentence.end)) || EMPLOYER_HAS_BEFORE.test(sentenceBefore)) return false;
  return CONTEXT.test(after) || WORK_AFTER.test(after) || /experience|exp\b/i.test(sentenceBefore.slice(-50));
}

/**
 * The requirement, or a lower one the same sentence offers instead: "5 years of experience, or 3 years
 * with a master's degree" asks for at least 3. An alternative without years ("or equivalent education")
 * leaves the requirement as it is.
 */
function withAlternative(text: string, requirement: Candidate): Candidate {
  const sentence = sentenceAround(text, requirement.index, requirement.end);
  const rest = text.slice(requirement.end, sentence.end);
  const alternative = /\bor\b/i.exec(rest);
  if (!alternative) return requirement;
  const offset = requirement.end + alternative.index;
  const next = earliestRequirement(text.slice(offset, sentence.end));
  if (!next || next.years.min === null || requirement.years.min === null || next.years.min >= requirement.years.min) return requirement;
  return { index: requirement.index, end: requirement.end, years: { min: next.years.min, max: null } };
}

/**
 * Reads the years of experience a posting asks for from its text: "3-5 years", "at least 5 years",
 * "minimum 2 yrs", "5+ years", "two (2) years", "up to 3 years", "no experience required". The earliest
 * phrase that is about experience wins (the main requirement usually comes first); null when none is.
 */
export function experienceFromText(text: string): ExperienceYears | null {
  // Only the neighbourhood of a year word can hold a requirement; long descriptions are mostly elsewhere.
  // A year word standing alone starts where some year word starts, so it is looked for from the first.
  const yearWord = text.search(YEAR_WORD_START);
  STANDALONE_YEAR_WORD.lastIndex = Math.max(yearWord, 0);
  if (yearWord < 0 || !STANDALONE_YEAR_WORD.test(text)) {
    return NONE_NEEDED.test(text) ? { min: 0, max: 0 } : null;
  }
  const first = earliestRequirement(text, yearWord);
  const none = NONE_NEEDED.exec(text);
  if (none && (!first || none.index < first.index)) return { min: 0, max: 0 };
  return first ? withAlternative(text, first).years : null;
}
