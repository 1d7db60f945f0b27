import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a bundle was built from, kept beside it in its dist folder. */
interface InputsRecord {
  /** When the build started (ms since the epoch): a source changed after it makes the bundle stale. */
  readonly startedAt: number;
  /** Absolute paths of every file the bundle was built from. */
  readonly inputs: readonly string[];
}

const RECORD_FILE = 'build-inputs.json';

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether the bundle in `outdir` was built after every file it was built from last changed. */
export function isBundleFresh(outdir: string, outputs: readonly string[]): boolean {
  const recordPath = join(outdir, RECORD_FILE);
  if (!existsSync(recordPath) || !outputs.every((output) => existsSync(output))) return false;
  let record: InputsRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as InputsRecord;
  } catch {
    return false;
  }
  return record.inputs.every((input) => {
    const mtime = modifiedAt(input);
    return mtime !== undefined && mtime < record.startedAt;
  });
}

/** Records the inputs of a bundle just built (see {@link isBundleFresh}). */
export function recordBundleInputs(outdir: string, record: InputsRecord): void {
  writeFileSync(join(outdir, RECORD_FILE), `${JSON.stringify(record)}\n`);
}
