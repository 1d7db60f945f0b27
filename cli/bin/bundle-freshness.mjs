import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Whether a bundle in a dist folder is fresh, from the record of its inputs kept beside it. Plain JavaScript,
// so the `jobpipe` bin can ask before any TypeScript loader is running; the build (TypeScript) uses it too.

const RECORD_FILE = 'build-inputs.json';

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether the bundle in `outdir` was built after every file it was built from last changed. */
export function isBundleFresh(outdir, outputs) {
  const recordPath = join(outdir, RECORD_FILE);
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

/** Records the inputs of a bundle just built (see {@link isBundleFresh}). */
export function recordBundleInputs(outdir, record) {
  writeFileSync(join(outdir, RECORD_FILE), `${JSON.stringify(record)}\n`);
}
