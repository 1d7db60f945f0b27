import { type ExperienceYears, experienceFromText } from './experience.js';

/** The years of experience a federal posting asks for at one grade. */
export interface GradeExperience {
  readonly grade: string;
  readonly years: ExperienceYears;
}

// A grade named by a qualifications section ("GS-12", "GS 9", "WG-10"), unless it is the grade the
// experience must be equivalent to ("equivalent to the GS-11 level").
const GRADE = /\b(GS|GG|GL|WG|WS|WL|NH|ND)[-\s]?(\d{1,2})\b/g;
const EQUIVALENT_BEFORE =
  /(?:equivalent|equal|comparable)\s+to\s+(?:at\s+least\s+)?(?:the\s+)?(?:next\s+lower\s+grade\s+(?:level\s+)?(?:of\s+)?)?(?:\(\s*)?$/i;

/**
 * USAJOBS qualification text by grade: "GS-12 To qualify for the GS-12 level, you must possess one full
 * year of specialized experience equivalent to the GS-11 level…" gives GS-12 → 1 year. Each grade's
 * section runs to the next grade the text qualifies for; grades with no years stated are left out.
 */
export function experienceByGrade(text: string): GradeExperience[] {
  const starts: { grade: string; index: number }[] = [];
  // exec on the pattern itself: matchAll would copy it on every call. GRADE never matches empty text.
  GRADE.lastIndex = 0;
  for (let match = GRADE.exec(text); match; match = GRADE.exec(text)) {
    const index = match.index;
    if (EQUIVALENT_BEFORE.test(text.slice(Math.max(0, index - 60), index))) continue;
    const grade = `${match[1]!.toUpperCase()}-${match[2]!.padStart(2, '0')}`;
    if (starts.at(-1)?.grade !== grade) starts.push({ grade, index });
  }
  const found = new Map<string, ExperienceYears>();
  starts.forEach((start, position) => {
    const years = experienceFromText(text.slice(start.index, starts[position + 1]?.index ?? text.length));
    if (years && !found.has(start.grade)) found.set(start.grade, years);
  });
  return [...found].map(([grade, years]) => ({ grade, years }));
}
