import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Whether bundles are fresh, from the record of their build's inputs (kept in the folder they share). Plain JavaScript,
// so the `jobpipe` bin can ask before any TypeScript loader is running; the build (TypeScript) uses it too.

const RECORD_FILE = 'build-inputs.json';

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether the bundles whose record is in `recordDir` were built after every file they were built from last changed. */
export function isBundleFresh(recordDir, outputs) {
  const recordPath = join(recordDir, RECORD_FILE);
  if (!existsSync(recordPath) || !outputs.every((output) => existsSync(output))) return false;
  let record;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8'));
  } catch {
    return false;
  }
  return record.inputs.every((input) => {
    const mtime = modifiedAt(input);
    return mtime !== undefined && mtime < record.startedAt;
  });
}

/** Records the inputs of a build just made (see {@link isBundleFresh}). */
export function recordBundleInputs(recordDir, record) {
  writeFileSync(join(recordDir, RECORD_FILE), `${JSON.stringify(record)}\n`);
}
