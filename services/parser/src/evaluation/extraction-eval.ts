import { employmentTypeFromText } from '../domain/employment-type.js';
import { experienceFromText } from '../domain/experience.js';
import { parseRawBody } from '../domain/parse-raw-body.js';
import { skillImportance } from '../domain/skills/skill-importance.js';
import { skillDictionary } from '../domain/skills.js';
import type { CorpusPosting, ExpectedFields, ExpectedYears, ExtractionCorpus } from './corpus.js';
import { corpusBody } from './corpus-bodies.js';

/** Counts behind a field's precision and recall. */
export interface FieldCounts {
  /** Values found that the person also named. */
  truePositives: number;
  /** Values found that the person did not name. */
  falsePositives: number;
  /** Values the person named that were not found (or were found wrong). */
  falseNegatives: number;
  /** Items judged on this field, and how many of them came out exactly right. */
  items: number;
  exact: number;
}

/** One field's figures. */
export interface FieldScore extends FieldCounts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Share of items where the field came out exactly as the person read it. */
  readonly accuracy: number;
}

/** A wrong answer, for showing what to fix. */
export interface ExtractionMiss {
  readonly id: string;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** Per-field figures over the corpus, and the misses. */
export interface ExtractionReport {
  readonly snippets: number;
  readonly postings: number;
  readonly fields: Readonly<Record<string, FieldScore>>;
  readonly misses: readonly ExtractionMiss[];
}

/** What the parser read from one item. */
interface Extracted {
  readonly skills: readonly string[];
  readonly required: readonly string[];
  readonly experience: ExpectedYears;
  readonly employmentType: string | null;
}

const empty = (): FieldCounts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0, items: 0, exact: 0 });
const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

function fromSnippet(text: string): Extracted {
  const mentions = skillDictionary.mentions(text);
  const importance = skillImportance(text, mentions);
  const years = experienceFromText(text);
  return {
    skills: [...importance.keys()],
    required: [...importance].filter(([, level]) => level === 'required').map(([name]) => name),
    experience: years ? [years.min, years.max] : null,
    employmentType: employmentTypeFromText('', text),
  };
}

function fromPosting(posting: CorpusPosting): Extracted {
  const { body, url, contentType } = corpusBody(posting);
  const job = parseRawBody({ body, url, contentType, source: posting.source, seenAt: '2026-07-01T00:00:00.000Z' }).postings[0]!.job;
  return {
    skills: job.skills,
    required: (job.skillDetails ?? []).filter((detail) => detail.importance === 'required').map((detail) => detail.name),
    experience: job.experienceYears ? [job.experienceYears.min, job.experienceYears.max] : null,
    employmentType: job.employmentType,
  };
}

function countSet(counts: FieldCounts, expected: readonly string[], actual: readonly string[]): boolean {
  const wanted = new Set(expected.map(fold));
  const found = new Set(actual.map(fold));
  for (const value of found) {
    if (wanted.has(value)) counts.truePositives++;
    else counts.falsePositives++;
  }
  for (const value of wanted) if (!found.has(value)) counts.falseNegatives++;
  counts.items++;
  const right = wanted.size === found.size && [...wanted].every((value) => found.has(value));
  if (right) counts.exact++;
  return right;
}

/** A single value (years, type): found-and-right is a true positive; a wrong or extra value a false positive; a missed or wrong one a false negative. */
function countValue(counts: FieldCounts, expected: unknown, actual: unknown): boolean {
  const right = JSON.stringify(expected) === JSON.stringify(actual);
  counts.items++;
  if (right) counts.exact++;
  if (actual !== null && right) counts.truePositives++;
  if (actual !== null && !right) counts.falsePositives++;
  if (expected !== null && !right) counts.falseNegatives++;
  return right;
}

function judge(
  id: string,
  expected: ExpectedFields,
  actual: Extracted,
  counts: Record<string, FieldCounts>,
  misses: ExtractionMiss[],
): void {
  const miss = (field: string, want: unknown, got: unknown) => misses.push({ id, field, expected: want, actual: got });
  if (expected.skills && !countSet(counts.skills!, expected.skills, actual.skills)) miss('skills', expected.skills, actual.skills);
  if (expected.required && !countSet(counts.requiredSkills!, expected.required, actual.required))
    miss('requiredSkills', expected.required, actual.required);
  if (expected.experience !== undefined && !countValue(counts.experience!, expected.experience, actual.experience)) {
    miss('experience', expected.experience, actual.experience);
  }
  if (expected.employmentType !== undefined && !countValue(counts.employmentType!, expected.employmentType, actual.employmentType)) {
    miss('employmentType', expected.employmentType, actual.employmentType);
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/** Runs the parser over every snippet and posting of the corpus and scores each field against the person's reading. */
export function evaluateExtraction(corpus: ExtractionCorpus): ExtractionReport {
  const counts: Record<string, FieldCounts> = { skills: empty(), requiredSkills: empty(), experience: empty(), employmentType: empty() };
  const misses: ExtractionMiss[] = [];
  for (const snippet of corpus.snippets) judge(`${snippet.field}/${snippet.id}`, snippet, fromSnippet(snippet.text), counts, misses);
  for (const posting of corpus.postings) judge(`${posting.field}/${posting.id}`, posting.expected, fromPosting(posting), counts, misses);
  const fields: Record<string, FieldScore> = {};
  for (const [field, count] of Object.entries(counts)) {
    const precision = ratio(count.truePositives, count.truePositives + count.falsePositives);
    const recall = ratio(count.truePositives, count.truePositives + count.falseNegatives);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    fields[field] = { ...count, precision, recall, f1, accuracy: ratio(count.exact, count.items) };
  }
  return { snippets: corpus.snippets.length, postings: corpus.postings.length, fields, misses };
}
