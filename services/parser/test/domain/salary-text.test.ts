import assert from 'node:assert/strict';
import { test } from 'node:test';
import { salaryFromText } from '../../src/index.js';

type Expected = [min: number | null, max: number | null, currency: string, period: 'hour' | 'day' | 'week' | 'month' | 'year'] | null;

/** Real-world salary phrasings (from postings on boards and career pages), with the reading a person would give. */
const PHRASINGS: [text: string, defaultCurrency: string | null, expected: Expected][] = [
  ['Salary: $120,000 - $150,000 a year', null, [120000, 150000, 'USD', 'year']],
  ['The base pay range for this role is $136,000—$170,000 USD', null, [136000, 170000, 'USD', 'year']],
  ['Pay range: $48.00 - $62.00 per hour', null, [48, 62, 'USD', 'hour']],
  ['$45/hr', null, [45, 45, 'USD', 'hour']],
  ['Compensation: $25 an hour', null, [25, 25, 'USD', 'hour']],
  ['Hourly rate: $25-30', null, [25, 30, 'USD', 'hour']],
  ['S$5k–7k monthly', null, [5000, 7000, 'SGD', 'month']],
  ['SGD 6,000 to 8,000 per month', null, [6000, 8000, 'SGD', 'month']],
  ['Salary range: SGD 4,500 - SGD 6,000', null, [4500, 6000, 'SGD', 'month']],
  ['up to £55k', null, [null, 55000, 'GBP', 'year']],
  ['£45,000 - £55,000 per annum + benefits', null, [45000, 55000, 'GBP', 'year']],
  ['£45k-£55k DOE', null, [45000, 55000, 'GBP', 'year']],
  ['£500 per day (outside IR35)', null, [500, 500, 'GBP', 'day']],
  ['Day rate: £450 - £550', null, [450, 550, 'GBP', 'day']],
  ['€60.000 - €70.000 per year', null, [60000, 70000, 'EUR', 'year']],
  ['EUR 65,000 – 80,000 gross per year', null, [65000, 80000, 'EUR', 'year']],
  ['€4.500 brutto monatlich', null, [4500, 4500, 'EUR', 'month']],
  ['USD 120,000 - 150,000 per annum', null, [120000, 150000, 'USD', 'year']],
  ['Compensation: 120,000 USD - 140,000 USD annually', null, [120000, 140000, 'USD', 'year']],
  ['From $80,000', null, [80000, null, 'USD', 'year']],
  ['Starting at $22.50/hour', null, [22.5, null, 'USD', 'hour']],
  ['$100,000+ per year', null, [100000, null, 'USD', 'year']],
  ['between $90,000 and $110,000 annually', null, [90000, 110000, 'USD', 'year']],
  ['The salary for this position is $95K to $115K.', null, [95000, 115000, 'USD', 'year']],
  ['$1,500 per week', null, [1500, 1500, 'USD', 'week']],
  ['$1,200/wk for travel nurses', null, [1200, 1200, 'USD', 'week']],
  ['paid $3,000 biweekly', null, [1500, 1500, 'USD', 'week']],
  ['$200-$250 per day', null, [200, 250, 'USD', 'day']],
  ['CTC 12 LPA', null, [1200000, 1200000, 'INR', 'year']],
  ['Salary: ₹8,00,000 - ₹12,00,000 per annum', null, [800000, 1200000, 'INR', 'year']],
  ['A$130k + super', null, [130000, 130000, 'AUD', 'year']],
  ['CA$95,000–CA$115,000 per year', null, [95000, 115000, 'CAD', 'year']],
  ['HK$35,000 per month', null, [35000, 35000, 'HKD', 'month']],
  ['CHF 110,000 - 130,000', null, [110000, 130000, 'CHF', 'year']],
  ['RM 5,000 - RM 7,000', null, [5000, 7000, 'MYR', 'month']],
  ['Salary: $95,000 - $105,000 plus superannuation.', 'AUD', [95000, 105000, 'AUD', 'year']],
  ['Monthly salary $4,000 to $5,500', 'SGD', [4000, 5500, 'SGD', 'month']],
  ['Annual salary: 72,000', 'EUR', [72000, 72000, 'EUR', 'year']],
  ['salary 80-100k', 'USD', [80000, 100000, 'USD', 'year']],
  ['Salary: 3500 - 4200', 'SGD', [3500, 4200, 'SGD', 'month']],
  ['Rate: €550 per day.', null, [550, 550, 'EUR', 'day']],
  ['We raised $20M in 2024 and grew to 200 people.', null, null],
  ['Our customers manage over $2B in assets; base salary $150,000', null, [150000, 150000, 'USD', 'year']],
  ['Founded in 2015, we have 200 engineers in 12 countries.', null, null],
  ['Salary: competitive, depending on experience', null, null],
  ['Join a team of 40 and grow with us', 'USD', null],
];

test(`salary phrasings (${PHRASINGS.length}) read as a person would`, () => {
  assert.ok(PHRASINGS.length >= 40);
  for (const [text, defaultCurrency, expected] of PHRASINGS) {
    const salary = salaryFromText(text, defaultCurrency);
    const actual = salary ? [salary.min, salary.max, salary.currency, salary.period] : null;
    assert.deepEqual(actual, expected, `"${text}"`);
    if (salary) assert.equal(salary.basis, 'inferred', `"${text}" comes from text, so it is inferred`);
  }
});

test('an amount after long text keeps its whole currency marker, space included', () => {
  const before = 'We build payroll tools for 250 clinics in 12 countries, and we hire carefully. '.repeat(3);
  const read = (text: string) => {
    const salary = salaryFromText(`${before}${text}`, null);
    return salary && [salary.min, salary.max, salary.currency, salary.period];
  };
  assert.deepEqual(read('Pay: US$ 120,000 - 150,000 a year'), [120000, 150000, 'USD', 'year']);
  assert.deepEqual(read('Salary: Rs. 12 LPA'), [1200000, 1200000, 'INR', 'year']);
  assert.deepEqual(read('Salary: NZ$ 95k'), [95000, 95000, 'NZD', 'year']);
});
