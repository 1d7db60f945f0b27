import assert from 'node:assert/strict';
import { test } from 'node:test';
import { employmentTypeFromText } from '../../src/domain/employment-type.js';

test('employment type from the words of a posting when structured fields are silent', () => {
  const cases: [title: string, text: string, expected: string | null][] = [
    ['Pharmacy Technician', 'This is a part-time position, 20 hours a week.', 'part-time'],
    ['Medical Receptionist (Part-Time)', 'Join our clinic.', 'part-time'],
    ['Paralegal', 'Job type: Contract\nDuration: 6 months', 'contract'],
    ['Data Analyst', 'We are hiring a 12-month fixed-term role in the finance team.', 'contract'],
    ['Summer Intern, Marketing', 'Learn from our team.', 'internship'],
    ['Barista', 'A casual role with weekend shifts.', 'temporary'],
    ['Software Engineer', 'This is a full-time, permanent position based in Leeds.', 'full-time'],
    // Words of the trade, not the type of the job.
    ['Contracts Manager', 'You will manage contract renewals and internal audits as part of the legal team.', null],
    ['Registered Nurse', 'Our international team works with temporary staff agencies.', null],
  ];
  for (const [title, text, expected] of cases) assert.equal(employmentTypeFromText(title, text), expected, `${title} / ${text}`);
});
