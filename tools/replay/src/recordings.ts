import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { daysBetween, shiftRecordedDates } from './replay-calendar.js';
import type { SourceName } from './scrape-request.js';

/** Where the recorded responses live (inside the package, so the offline demo needs nothing else): one folder per source. */
export const RECORDINGS_DIR = join(import.meta.dirname, '..', 'recordings');

/** The day each source's recordings were taken (`recordings/recorded-on.json`); a source missing there is served as recorded. */
const RECORDED_ON = JSON.parse(readFileSync(join(RECORDINGS_DIR, 'recorded-on.json'), 'utf8')) as Partial<Record<SourceName, string>>;

/**
 * A recorded file of a source, as text, dated as if recorded on `today`: its dates move by the days
 * between the day it was recorded and today (see `shiftRecordedDates`).
 */
export function readRecording(source: SourceName, file: string, today: Date): string {
  const text = readFileSync(join(RECORDINGS_DIR, source, file), 'utf8');
  const recordedOn = RECORDED_ON[source];
  return recordedOn ? shiftRecordedDates(text, daysBetween(new Date(recordedOn), today)) : text;
}

/** A recorded JSON answer of a source, dated as if recorded on `today`. */
export function readRecordedJson<T>(source: SourceName, file: string, today: Date): T {
  return JSON.parse(readRecording(source, file, today)) as T;
}

/** The recorded files of a source whose names match. */
export function recordingFiles(source: SourceName, pattern: RegExp): string[] {
  return readdirSync(join(RECORDINGS_DIR, source))
    .filter((name) => pattern.test(name))
    .sort();
}
