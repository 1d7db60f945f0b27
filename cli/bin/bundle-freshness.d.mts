/** What a build made its bundles from, kept in the folder its bundles share (`<outputRoot>/dist`). */
export interface InputsRecord {
  /** When the build started (ms since the epoch): a source changed after it makes the bundles stale. */
  readonly startedAt: number;
  /** Absolute paths of every file the build read. */
  readonly inputs: readonly string[];
  /** Each bundle's own inputs (absolute paths), by bundle name. */
  readonly bundles?: Readonly<Record<string, readonly string[]>>;
}

/** Whether the bundles whose record is in `recordDir` were built after every file they were built from last changed. */
export function isBundleFresh(recordDir: string, outputs: readonly string[]): boolean;

/** Records the inputs of a build just made (see {@link isBundleFresh}). */
export function recordBundleInputs(recordDir: string, record: InputsRecord): void;
