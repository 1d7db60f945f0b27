import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { OutputFile } from 'esbuild';
import { isBundleFresh, recordBundleInputs } from '../../bin/bundle-freshness.mjs';
import { sideEffectFreeWorkspace } from './side-effect-free-workspace.js';
import { sourceLocations } from './source-locations.js';
import { thirdPartyExternal } from './third-party-external.js';

/** One bundle: the entry points of one package, built into that package's `dist/` folder. */
export interface BundleSpec {
  readonly name: string;
  /** Absolute paths of the TypeScript entry points; each becomes `<outdir>/<path below src>.js`. */
  readonly entryPoints: readonly string[];
  readonly sourceRoot: string;
  readonly outdir: string;
}

/** The files of this build step: a change to how bundles are made makes every bundle stale too. */
const BUILD_TOOL_FILES = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join(import.meta.dirname, file));

/** Where esbuild writes the bundle of one entry point (its path below the source root, as `.js`). */
export function outputFileOf(spec: BundleSpec, entryPoint: string): string {
  return join(spec.outdir, relative(spec.sourceRoot, entryPoint).replace(/\.ts$/, '.js'));
}

/** Writes each output through a temporary file and a rename, so a process starting meanwhile never reads half a file. */
function writeOutputs(outdir: string, outputs: readonly OutputFile[]): void {
  for (const output of outputs) {
    mkdirSync(dirname(output.path), { recursive: true });
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
  removeFilesOtherThan(outdir, new Set(outputs.map((output) => output.path)));
}

/** Removes what earlier builds left in `folder` (e.g. chunks under old hashes). */
function removeFilesOtherThan(folder: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeFilesOtherThan(path, keep);
    else if (!keep.has(path) && !entry.name.endsWith('.tmp')) rmSync(path, { force: true });
  }
}

/**
 * Bundles the spec's entry points with esbuild (ESM for node 20, the workspace's TypeScript inlined,
 * npm packages left external, a source map beside each file) unless the bundle is newer than every
 * file it was built from. Returns whether it built.
 */
export async function buildBundle(spec: BundleSpec, options: { force?: boolean } = {}): Promise<boolean> {
  const outputs = spec.entryPoints.map((entryPoint) => outputFileOf(spec, entryPoint));
  if (!options.force && isBundleFresh(spec.outdir, outputs)) return false;
  const startedAt = Date.now();
  const { build } = await import('esbuild');
  const workingDir = dirname(spec.sourceRoot);
  const result = await build({
    absWorkingDir: workingDir,
    entryPoints: [...spec.entryPoints],
    outbase: spec.sourceRoot,
    outdir: spec.outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [thirdPartyExternal, sideEffectFreeWorkspace, sourceLocations(spec.entryPoints)],
  });
  writeOutputs(spec.outdir, result.outputFiles);
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input));
  recordBundleInputs(spec.outdir, { startedAt, inputs: [...inputs, ...BUILD_TOOL_FILES] });
  return true;
}
