import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experienceByGrade } from '../../src/domain/grade-experience.js';

test('USAJOBS qualifications give the minimum years per grade, not the grade the experience must equal', () => {
  const text =
    'MINIMUM QUALIFICATIONS: GS-09 To qualify for the GS-09 level, you must have one year of specialized experience equivalent to the GS-07 level. ' +
    'OR a master’s degree. GS-11: To qualify at the GS-11 level, you need at least two years of specialized experience equivalent to GS-09, ' +
    'e.g. reviewing claims. GS-12 Applicants must meet the U.S. citizenship requirement.';
  assert.deepEqual(experienceByGrade(text), [
    { grade: 'GS-09', years: { min: 1, max: null } },
    { grade: 'GS-11', years: { min: 2, max: null } },
  ]);
});

test('a posting without grade sections has no per-grade minimums', () => {
  assert.deepEqual(experienceByGrade('Two years of experience in customer support.'), []);
});
