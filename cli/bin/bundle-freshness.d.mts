/** What a bundle was built from, kept beside it in its dist folder. */
export interface InputsRecord {
  /** When the build started (ms since the epoch): a source changed after it makes the bundle stale. */
  readonly startedAt: number;
  /** Absolute paths of every file the bundle was built from. */
  readonly inputs: readonly string[];
}

/** Whether the bundle in `outdir` was built after every file it was built from last changed. */
export function isBundleFresh(outdir: string, outputs: readonly string[]): boolean;

/** Records the inputs of a bundle just built (see {@link isBundleFresh}). */
export function recordBundleInputs(outdir: string, record: InputsRecord): void;
