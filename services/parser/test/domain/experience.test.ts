import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experienceFromText } from '../../src/index.js';

/** Real-world experience phrasings, with the years a person would read (null: no requirement stated). */
const PHRASINGS: [text: string, expected: [min: number | null, max: number | null] | null][] = [
  ['3-5 years of experience', [3, 5]],
  ['3 – 5 yrs experience in backend development', [3, 5]],
  ['3 to 5 years of professional experience', [3, 5]],
  ['between 2 and 4 years of experience', [2, 4]],
  ['2-3 years’ experience in a similar role', [2, 3]],
  ['at least 5 years of experience in Python', [5, null]],
  ['At least three (3) years of experience with AWS', [3, null]],
  ['minimum 2 yrs experience', [2, null]],
  ['Minimum of three (3) years of relevant experience', [3, null]],
  ['A minimum of 5 years experience in a data role', [5, null]],
  ['Min. 4 years working experience', [4, null]],
  ['Experience: Min. 3 years', [3, null]],
  ['Not less than 6 years of experience', [6, null]],
  ['More than 3 years of experience with React', [3, null]],
  ['Over 10 years of industry experience preferred', [10, null]],
  ['5+ years experience', [5, null]],
  ['5+ yrs of hands-on experience with Kubernetes', [5, null]],
  ['10+ years of professional software development', [10, null]],
  ['7 or more years of progressively responsible experience', [7, null]],
  ['4 years or more of relevant experience', [4, null]],
  ['Candidates must have 2 years minimum experience', [2, null]],
  ['5 years of experience', [5, null]],
  ["5 years' experience building distributed systems", [5, null]],
  ['5 year experience in sales', [5, null]],
  ['Experience: 3 years', [3, null]],
  ['Two years of experience in customer support', [2, null]],
  ['you must possess one full year of specialized experience', [1, null]],
  ['approximately 1 year of nursing practice/experience', [1, null]],
  ['1.5 years of experience with Salesforce', [1.5, null]],
  ['up to 2 years of experience', [0, 2]],
  ['Less than 2 years of experience is fine', [0, 2]],
  ['No experience required', [0, 0]],
  ['No prior experience necessary - we train you', [0, 0]],
  ['Fresh graduates are welcome to apply', [0, 0]],
  ['This is an entry-level position', [0, 0]],
  ['2 to 4 years in a similar role', [2, 4]],
  ['Minimum 2 yrs in a front-office role.', [2, null]],
  ['We are 20 years old. You have 3+ yrs of hands-on experience', [3, null]],
  ['a company founded 10 years ago; 4 years experience required', [4, null]],
  ['We have been in business for 25 years.', null],
  ['Enjoy 25 days of annual leave and a 2 year contract', null],
  ['Proven experience with SQL and dashboards', null],
  ['Applicants must be at least 18 years of age', null],
];

test(`experience phrasings (${PHRASINGS.length}) read as a person would`, () => {
  assert.ok(PHRASINGS.length >= 40);
  for (const [text, expected] of PHRASINGS) {
    const years = experienceFromText(text);
    assert.deepEqual(years ? [years.min, years.max] : null, expected, `"${text}"`);
  }
});

test('the first requirement is the main one', () => {
  assert.deepEqual(experienceFromText('5+ years of Java experience. 2+ years of Kafka experience is a plus.'), { min: 5, max: null });
});

test('across phrasings the earliest requirement wins, and on the same start the longer one', () => {
  assert.deepEqual(experienceFromText('Over 6 years of experience; 3-5 years of experience also considered.'), { min: 6, max: null });
  assert.deepEqual(experienceFromText('We ask for 2 to 4 years of experience (at least 2 years of experience with Go).'), {
    min: 2,
    max: 4,
  });
  assert.deepEqual(experienceFromText('A company 30 years old. Up to 3 years of experience, 10+ years of experience preferred.'), {
    min: 0,
    max: 3,
  });
});

/** Traps: abbreviations inside the sentence, the employer's own age, ranges with en dashes. */
const TRAPS: [text: string, expected: [min: number | null, max: number | null] | null][] = [
  ['At least one year post-J.D. legal experience is required.', [1, null]],
  ['Minimum two years post-Ph.D. research experience in immunology.', [2, null]],
  ['B.S. in Nursing and 2 years of acute care experience.', [2, null]],
  ['Work in a U.S. firm for 3 years (e.g. litigation experience) preferred', [3, null]],
  ['3–5 years of experience in accounts payable', [3, 5]],
  ['Founded 10 years ago, Acme builds payroll tools. You bring 4 years of experience.', [4, null]],
  ['With over 25 years of experience, Harbor Legal serves clients across the U.S. and Canada.', null],
  ['For more than 30 years we have helped families at home. 2+ years of caregiving experience required.', [2, null]],
  ['For over 40 years, the company has built bridges. Requirements: 5 years of project experience.', [5, null]],
  ['Our 20 years in business speak for themselves.', null],
  ['We have been serving the community for over 15 years; no experience needed.', [0, 0]],
  ['Celebrating 50 years of excellence in patient care!', null],
  ['Our product has 12 years of history in the retail market.', null],
];

test(`experience traps (${TRAPS.length}): abbreviations, the employer's age, en-dash ranges`, () => {
  for (const [text, expected] of TRAPS) {
    const years = experienceFromText(text);
    assert.deepEqual(years ? [years.min, years.max] : null, expected, `"${text}"`);
  }
});

test('an alternative in the same sentence with fewer years lowers the minimum; one without years does not', () => {
  assert.deepEqual(experienceFromText("5 years of experience, or 3 years of experience with a master's degree."), { min: 3, max: null });
  assert.deepEqual(experienceFromText('4 years of experience or equivalent education.'), { min: 4, max: null });
  assert.deepEqual(experienceFromText('3 years of experience or more is ideal. Or 1 year of Go experience.'), { min: 3, max: null });
});

test('a phrase with the longest lead before its year word is read after long text and wide spacing', () => {
  const before = 'We build tools for clinics and the people who run them, and we hire carefully. '.repeat(4);
  assert.deepEqual(experienceFromText(`${before}Between twelve (12) + and fifteen (15) + years of clinical experience.`), {
    min: 12,
    max: 15,
  });
  assert.deepEqual(experienceFromText(`${before}Not less than \u00a0 \u2003 an 12.5 (12) + full\n\n\n years of practice.`), {
    min: 12.5,
    max: null,
  });
  assert.deepEqual(experienceFromText(`${before}approximately    twelve   (12)   full   years of experience`), { min: 12, max: null });
});

test('a year word inside another word ("yearly") neither asks for years nor hides a year word standing alone after it', () => {
  assert.equal(experienceFromText('We hold 5 yearly reviews.'), null);
  assert.deepEqual(experienceFromText('We hold 5 yearly reviews. Entry-level role.'), { min: 0, max: 0 });
  assert.deepEqual(experienceFromText('Yearly bonus. 3 years of experience in nursing.'), { min: 3, max: null });
  assert.deepEqual(experienceFromText('Eligible for a yearly bonus; 2+ yrs in retail required'), { min: 2, max: null });
});
