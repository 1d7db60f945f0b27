import { drawPostingDates } from './replay-calendar.js';
import type { SeededRandom } from './seeded-random.js';
import { VOCABULARY } from './vocabulary.js';

/** Team names that vary generated titles. */
export const TEAMS = [
  'Payments',
  'Search',
  'Growth',
  'Platform',
  'Data',
  'Risk',
  'Mobile',
  'Infrastructure',
  'Identity',
  'Billing',
  'Logistics',
  'Insights',
];

/** What makes one generated posting distinct: no two share company, title and city (no accidental duplicates). */
export interface Identity {
  readonly company: string;
  readonly title: string;
  readonly city: (typeof VOCABULARY.cities)[number];
  readonly skills: string[];
  readonly experience: string;
  readonly descriptionHtml: string;
  readonly postedAt: Date;
  /** The closing date the source gives (where it gives one): 30–90 days after posting. */
  readonly closesAt: Date;
  readonly salaryMin: number;
}

/** Draws distinct identities for generated postings, dated relative to `today`. */
export class IdentityPool {
  private readonly used = new Set<string>();
  constructor(
    private readonly random: SeededRandom,
    private readonly today: Date,
  ) {}

  company(): string {
    return `${this.random.pick(VOCABULARY.companyHeads)} ${this.random.pick(VOCABULARY.companyTails)}`;
  }

  draw(company = this.company()): Identity {
    const { random } = this;
    for (;;) {
      const title = `${random.pick(VOCABULARY.titles)}, ${random.pick(TEAMS)}`;
      const city = random.pick(VOCABULARY.cities);
      const key = `${company}|${title}|${city.city}`;
      if (this.used.has(key)) continue;
      this.used.add(key);
      const skills = random.sample(VOCABULARY.skills, random.int(3, 6));
      const experience = random.pick(VOCABULARY.experience);
      const sentences = random.sample(VOCABULARY.sentences, 5);
      const descriptionHtml =
        `<p>${company} is hiring a ${title} in ${city.city}.</p>` +
        `<p>${sentences.slice(0, 3).join(' ')}</p>` +
        `<ul><li>${experience}</li><li>Hands-on with ${skills.join(', ')}</li><li>${sentences[3]}</li></ul>` +
        `<p>${sentences[4]} Reference ${random.hex(8)}.</p>`;
      const { postedAt, closesAt } = drawPostingDates(random, this.today);
      return { company, title, city, skills, experience, descriptionHtml, postedAt, closesAt, salaryMin: random.int(40, 150) * 1000 };
    }
  }
}

/** A deep copy of a recorded template. */
export const clone = <T>(value: T): T => structuredClone(value);
/** `YYYY-MM-DD` of a date. */
export const day = (date: Date) => date.toISOString().slice(0, 10);
/** A URL slug of a name. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** Text escaped for HTML. */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The words of an HTML fragment, on one line. */
export const plainText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether the i-th of n postings of a source is one of its `broken` ones (spread evenly). */
export function isBrokenAt(index: number, count: number, broken: number): boolean {
  if (broken <= 0) return false;
  const step = count / broken;
  return Math.floor(index % step) === 0 && Math.floor(index / step) < broken;
}

/** Names of `count` companies, one per `perBoard` postings (at least one). */
function boardCompanies(pool: IdentityPool, count: number, perBoard = 40): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(count / perBoard)) }, () => pool.company());
}

/** A board generated postings go onto, and the company it stands for. */
export interface BoardSlot {
  readonly board: string;
  readonly company: string;
}

/**
 * The company a board name stands for, as a person would write it: `bluefin-health` → "Bluefin Health",
 * `HarborviewClinics` → "Harborview Clinics", `summit.wd5/Careers` → "Summit".
 */
export function companyOfBoard(board: string): string {
  const name = board.split(/[./]/)[0] ?? board;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Where `count` generated postings go, taken in turn: the boards a stack's searches name (so those
 * searches read every posting generated), or, when they name none, boards of generated companies
 * (one per 40 postings) spelled by `boardOfCompany`.
 */
export function boardSlots(
  build: { readonly boards: readonly string[]; readonly count: number; readonly pool: IdentityPool },
  boardOfCompany: (company: string) => string,
): BoardSlot[] {
  if (build.boards.length > 0) return build.boards.map((board) => ({ board, company: companyOfBoard(board) }));
  return boardCompanies(build.pool, build.count).map((company) => ({ board: boardOfCompany(company), company }));
}
