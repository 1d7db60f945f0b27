import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of the real-format samples (verbatim ones from shared/fixtures, recorded ones beside them). */
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The bytes of a fixture file, as the blob store would hold them. */
export function fixtureBytes(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/** A fixture parsed as JSON. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixtureBytes(path).toString('utf8')) as T;
}

/** When the tests say the postings were fetched. */
export const SEEN_AT = '2026-07-20T08:00:00.000Z';
