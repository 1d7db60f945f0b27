import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceName } from './scrape-request.js';

/** Where the recorded responses live (inside the package, so the offline demo needs nothing else): one folder per source. */
export const RECORDINGS_DIR = join(import.meta.dirname, '..', 'recordings');

/** A recorded file of a source, as text. */
export function readRecording(source: SourceName, file: string): string {
  return readFileSync(join(RECORDINGS_DIR, source, file), 'utf8');
}

/** A recorded JSON answer of a source. */
export function readRecordedJson<T>(source: SourceName, file: string): T {
  return JSON.parse(readRecording(source, file)) as T;
}

/** The recorded files of a source whose names match. */
export function recordingFiles(source: SourceName, pattern: RegExp): string[] {
  return readdirSync(join(RECORDINGS_DIR, source))
    .filter((name) => pattern.test(name))
    .sort();
}
