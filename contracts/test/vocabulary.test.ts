import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EventDataMap, JobpipeConfig, NormalizedJob } from '../src/index.js';
import {
  type ClosedReason,
  CRM_STAGES,
  type CrmStage,
  isCrmStage,
  isScrapeSource,
  JOB_SOURCES,
  type JobSource,
  SCRAPE_SOURCES,
  type ScrapeSource,
} from '../src/index.js';
import { enumAt, renderVocabularyModule, VOCABULARY_MODULE_PATH } from '../src/vocabulary/vocabulary-generator.js';
import { VOCABULARY_TERMS } from '../src/vocabulary/vocabulary-terms.js';

test('the generated vocabulary matches the schemas (run `npm run generate -w @jobpipe/contracts`)', () => {
  assert.equal(readFileSync(VOCABULARY_MODULE_PATH, 'utf8'), renderVocabularyModule());
});

test('wherever the schemas spell a vocabulary list out again, they list the same values', () => {
  for (const term of VOCABULARY_TERMS) {
    for (const location of term.alsoAt ?? []) {
      assert.deepEqual(enumAt(location), enumAt(term.source), `${term.constant} differs at ${location.file}#${location.pointer}`);
    }
  }
});

test('the lists read as a person writes them, in funnel order', () => {
  assert.deepEqual(CRM_STAGES, ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed']);
  // Sources added later come last, so the released enums only grow at the end.
  assert.deepEqual(SCRAPE_SOURCES, [
    'mcf',
    'usajobs',
    'greenhouse',
    'lever',
    'jsonld',
    'workday',
    'smartrecruiters',
    'ashby',
    'recruitee',
    'workable',
    'personio',
  ]);
  assert.deepEqual([...JOB_SOURCES].sort(), [...SCRAPE_SOURCES, 'import'].sort());
});

test('the guards accept members only', () => {
  assert.equal(isCrmStage('offer'), true);
  assert.equal(isCrmStage('Offer'), false);
  assert.equal(isCrmStage(undefined), false);
  assert.equal(isScrapeSource('import'), false);
});

test('a location without one string enum is refused by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vocabulary-'));
  writeFileSync(join(dir, 'x.json'), JSON.stringify({ properties: { a: { type: 'string' }, b: { enum: [1, 2] } } }));
  assert.throws(() => enumAt({ file: 'x.json', pointer: '/properties/a' }, dir), /x\.json#\/properties\/a holds no single string enum/);
  assert.throws(() => enumAt({ file: 'x.json', pointer: '/properties/b' }, dir), /holds no single string enum/);
});

// The generated member types are the very types the event types use (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: [
  Same<CrmStage, EventDataMap['crm.stage-changed']['to']>,
  Same<ClosedReason, NonNullable<EventDataMap['crm.stage-changed']['closedReason']>>,
  Same<ScrapeSource, EventDataMap['scrape.requested']['source']>,
  Same<ScrapeSource, JobpipeConfig['searches'][number]['source']>,
  Same<JobSource, NormalizedJob['source']>,
] = [true, true, true, true, true];
test('the member types are the event types', () => assert.ok(typesAgree.every(Boolean)));
