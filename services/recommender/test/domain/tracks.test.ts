import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type JobpipeConfig, type NormalizedJob, RateBook } from '@jobpipe/contracts';
import { featuresOf } from '../../src/domain/posting-features.js';
import { bestTrack, compileTerm, compileTracks, scoreTrack } from '../../src/domain/tracks.js';
import { dataEngineeringConfig, normalizedJob } from '../helpers/jobs.js';

type Track = JobpipeConfig['tracks'][number];
const bare: Track = { name: 'bare', titleKeywords: [], bodyKeywords: [] };
const rates = new RateBook(dataEngineeringConfig().currencyRates);

function score(track: Track, job: Partial<NormalizedJob>) {
  return scoreTrack(featuresOf(normalizedJob({ jobId: 'greenhouse:1', ...job })), compileTracks([track])[0]!, rates);
}

const texts = (result: { reasons: readonly { text: string }[] }) => result.reasons.map((reason) => reason.text);

test('keyword table: each matched term gives its weight once, titles and bodies apart', () => {
  const track: Track = {
    ...bare,
    titleKeywords: [
      { term: 'Data Engineer', weight: 18 },
      { term: 'Scientist', weight: 10 },
    ],
    bodyKeywords: [
      { term: 'Spark', weight: 8 },
      { term: 'Apache Airflow', weight: 6 },
      { term: 'Hadoop', weight: -5 },
    ],
  };
  const cases: { title: string; body: string; expected: number; reasons: string[] }[] = [
    {
      title: 'Senior Data Engineer',
      body: 'Spark, spark and more Spark.',
      expected: 26,
      reasons: ['+18 title:"data engineer"', '+8 body:"spark"'],
    },
    {
      title: 'Data Engineering Lead',
      body: 'We run Apache Airflow.',
      expected: 24,
      reasons: ['+18 title:"data engineer"', '+6 body:"apache airflow"'],
    },
    { title: 'Engineer, Data Platform', body: 'Airflow without Apache.', expected: 0, reasons: [] },
    {
      title: 'Data Engineer',
      body: 'Legacy Hadoop estate.',
      expected: 13,
      reasons: ['+18 title:"data engineer"', '\u22125 body:"hadoop"'],
    },
    { title: 'Account Executive', body: 'Quota and pipeline.', expected: 0, reasons: [] },
    { title: 'Data Scientist', body: 'Hadoop', expected: 5, reasons: ['+10 title:"scientist"', '\u22125 body:"hadoop"'] },
  ];
  for (const c of cases) {
    const result = score(track, { title: c.title, descriptionText: c.body });
    assert.equal(result.score, c.expected, c.title);
    assert.deepEqual(texts(result), c.reasons, c.title);
  }
});

test('the score stays within 0–100', () => {
  const heavy: Track = { ...bare, titleKeywords: [{ term: 'engineer', weight: 150 }], bodyKeywords: [{ term: 'cobol', weight: -80 }] };
  assert.equal(score(heavy, { title: 'Engineer', descriptionText: 'x' }).score, 100);
  assert.equal(score(heavy, { title: 'Clerk', descriptionText: 'COBOL' }).score, 0);
});

test('must-have: each missing one costs 25 points and says which', () => {
  const track: Track = { ...bare, titleKeywords: [{ term: 'engineer', weight: 60 }], mustHave: ['python', 'sql'] };
  const result = score(track, { title: 'Engineer', descriptionText: 'Python every day.' });
  assert.equal(result.score, 35);
  assert.deepEqual(texts(result), ['+60 title:"engineer"', '\u221225 must-have missing:"sql"']);
  assert.equal(result.filteredBy, null, 'a missing must-have is not a hard filter');
});

test('blocked keyword is a hard filter: −30 and named in filteredBy', () => {
  const track: Track = { ...bare, titleKeywords: [{ term: 'intern', weight: 40 }], blocked: ['unpaid'] };
  const result = score(track, { title: 'Data Intern', descriptionText: 'This is an unpaid position.' });
  assert.equal(result.score, 10);
  assert.equal(result.filteredBy, 'blocked:"unpaid"');
  assert.ok(texts(result).includes('\u221230 blocked:"unpaid"'));
});

test('salary floor: converted at the dated rate; under the floor is a hard filter', () => {
  const track: Track = { ...bare, salaryFloor: { amount: 80_000, currency: 'USD' } };
  const salary = (annualMax: number, currency: string) => ({
    min: null,
    max: null,
    currency,
    period: 'year' as const,
    annualMin: null,
    annualMax,
    basis: 'stated' as const,
  });
  const under = score(track, { salary: salary(96_000, 'SGD') });
  assert.equal(under.filteredBy, 'salary below USD 80,000');
  assert.deepEqual(texts(under), ['\u221230 salary: SGD 96,000/yr ≈ USD 71,111 < floor USD 80,000']);
  const over = score(track, { salary: salary(135_000, 'SGD') });
  assert.equal(over.filteredBy, null);
  assert.deepEqual(texts(over), ['+5 salary: SGD 135,000/yr ≈ USD 100,000 ≥ floor USD 80,000']);
  assert.deepEqual(texts(score(track, {})), ['0 salary: not stated, floor not checked']);
  assert.deepEqual(texts(score(track, { salary: salary(5_000_000, 'JPY') })), [
    '0 salary: JPY 5,000,000/yr, no JPY/USD rate, floor not checked',
  ]);
});

test('locations: a match earns points, elsewhere is a hard filter unless remote is welcome', () => {
  const track: Track = { ...bare, locations: ['Singapore', 'London'] };
  const london = [{ display: 'London, England, United Kingdom', city: 'London', region: null, country: 'GB' }];
  const berlin = [{ display: 'Berlin, Germany', city: 'Berlin', region: null, country: 'DE' }];
  assert.deepEqual(texts(score(track, { locations: london })), ['+5 location:"london"']);
  const away = score(track, { locations: berlin, remote: false });
  assert.equal(away.filteredBy, 'location "berlin"');
  assert.deepEqual(texts(away), ['\u221230 location: "berlin" not in singapore, london']);
  assert.equal(score(track, { locations: berlin, remote: true }).filteredBy, null);
  assert.equal(score({ ...track, remote: 'excluded' }, { locations: berlin, remote: true }).filteredBy, 'location "berlin"');
});

test('remote table', () => {
  const cases: { remote: Track['remote']; posting: boolean | null; reasons: string[]; filtered: string | null }[] = [
    { remote: 'required', posting: false, reasons: ['\u221230 remote: on-site, remote required'], filtered: 'not remote' },
    { remote: 'required', posting: true, reasons: [], filtered: null },
    { remote: 'required', posting: null, reasons: [], filtered: null },
    { remote: 'preferred', posting: true, reasons: ['+10 remote: yes'], filtered: null },
    { remote: 'preferred', posting: false, reasons: [], filtered: null },
    { remote: 'excluded', posting: true, reasons: ['\u221230 remote: remote, on-site wanted'], filtered: 'remote' },
    { remote: 'any', posting: true, reasons: [], filtered: null },
  ];
  for (const c of cases) {
    const result = score({ ...bare, remote: c.remote }, { remote: c.posting });
    assert.deepEqual(texts(result), c.reasons, `${c.remote}/${c.posting}`);
    assert.equal(result.filteredBy, c.filtered, `${c.remote}/${c.posting}`);
  }
});

test('experience table: the years asked against the accepted range', () => {
  const track: Track = { ...bare, experience: { min: 2, max: 6 } };
  const cases: { asked: { min: number | null; max: number | null } | null; reasons: string[] }[] = [
    { asked: { min: 3, max: 5 }, reasons: ['+5 experience: asks 3–5 yrs, within 2–6'] },
    { asked: { min: 8, max: null }, reasons: ['\u221215 experience: asks 8+ yrs, above 2–6'] },
    { asked: { min: 0, max: 1 }, reasons: ['\u221210 experience: asks 0–1 yrs, below 2–6'] },
    { asked: { min: null, max: 4 }, reasons: ['+5 experience: asks up to 4 yrs, within 2–6'] },
    { asked: null, reasons: [] },
  ];
  for (const c of cases) assert.deepEqual(texts(score(track, { experienceYears: c.asked })), c.reasons, JSON.stringify(c.asked));
});

test('seniority: the level or a level word in the title', () => {
  const track: Track = { ...bare, seniority: ['Senior', 'Lead'] };
  assert.deepEqual(texts(score(track, { title: 'Lead Data Engineer' })), ['+10 seniority:"lead"']);
  assert.deepEqual(texts(score(track, { seniority: 'Senior Executive' })), ['+10 seniority:"senior"']);
  assert.deepEqual(texts(score(track, { seniority: 'Junior Executive' })), ['\u221210 seniority: "junior executive" not in senior, lead']);
  assert.deepEqual(texts(score(track, { title: 'Misleading Title' })), [], 'a level word inside another word does not count');
});

test('a posting is scored against every track and gets the best; an unfiltered track beats a filtered one', () => {
  const tracks = compileTracks([
    { ...bare, name: 'analytics', titleKeywords: [{ term: 'analyst', weight: 30 }] },
    { ...bare, name: 'data engineering', titleKeywords: [{ term: 'data engineer', weight: 50 }], blocked: ['crypto'] },
    { ...bare, name: 'platform', titleKeywords: [{ term: 'engineer', weight: 40 }] },
  ]);
  const plain = featuresOf(normalizedJob({ jobId: 'lever:1', title: 'Data Engineer', descriptionText: 'Pipelines.' }));
  assert.equal(bestTrack(plain, tracks, rates)?.track, 'data engineering');
  const crypto = featuresOf(normalizedJob({ jobId: 'lever:2', title: 'Data Engineer', descriptionText: 'A crypto exchange.' }));
  const best = bestTrack(crypto, tracks, rates);
  assert.equal(best?.track, 'platform');
  assert.equal(best?.filteredBy, null);
  assert.equal(bestTrack(plain, [], rates), undefined);
});

test('a phrase of three words needs each of its word pairs', () => {
  const term = compileTerm('Head of Data Platform', 10)!;
  assert.deepEqual(term.keys, ['head data', 'data platform']);
  assert.equal(compileTerm('of the', 5), undefined, 'a stop-word-only term is left out');
});
