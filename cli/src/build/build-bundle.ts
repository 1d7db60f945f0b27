import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Metafile, OutputFile } from 'esbuild';
import { isBundleFresh, recordBundleInputs } from '../../bin/bundle-freshness.mjs';
import { sideEffectFreeWorkspace } from './side-effect-free-workspace.js';
import { sourceLocations } from './source-locations.js';
import { thirdPartyExternal } from './third-party-external.js';

/** One bundle: the entry points of one package, built into that package's `dist/` folder (see {@link buildBundles}). */
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

/**
 * Writes each output through a temporary file and a rename, so a process starting meanwhile never reads
 * half a file, then removes what earlier builds left in the output folders.
 */
function writeOutputs(folders: readonly string[], outputs: readonly OutputFile[]): void {
  for (const output of outputs) {
    mkdirSync(dirname(output.path), { recursive: true });
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
  const written = new Set(outputs.map((output) => output.path));
  for (const folder of folders) if (existsSync(folder)) removeFilesOtherThan(folder, written);
}

/** Removes what earlier builds left in `folder` (e.g. chunks under old hashes). */
function removeFilesOtherThan(folder: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeFilesOtherThan(path, keep);
    else if (!keep.has(path) && !entry.name.endsWith('.tmp')) rmSync(path, { force: true });
  }
}

/** Where the bundles of one build keep the chunks they share and the record of their inputs: `<outputRoot>/dist`. */
export function sharedOutputDir(outputRoot: string): string {
  return join(outputRoot, 'dist');
}

/** The output files (paths relative to the build's working folder) an output imports, its chunks, and theirs. */
function outputsReachedFrom(metafile: Metafile, output: string): Set<string> {
  const reached = new Set([output]);
  for (const path of reached)
    for (const imported of metafile.outputs[path]?.imports ?? []) if (!imported.external) reached.add(imported.path);
  return reached;
}

/** Each bundle's inputs (absolute paths): those of its entry points' outputs and of every chunk they import. */
function inputsOfEachBundle(metafile: Metafile, outputRoot: string, specs: readonly BundleSpec[]): Record<string, string[]> {
  return Object.fromEntries(
    specs.map((spec) => {
      const inputs = new Set<string>();
      for (const entryPoint of spec.entryPoints)
        for (const output of outputsReachedFrom(metafile, relative(outputRoot, outputFileOf(spec, entryPoint))))
          for (const input of Object.keys(metafile.outputs[output]?.inputs ?? {})) inputs.add(resolve(outputRoot, input));
      return [spec.name, [...inputs].sort()];
    }),
  );
}

/**
 * Bundles the specs' entry points with esbuild (ESM for node 20, the workspace's TypeScript inlined,
 * npm packages left external, a source map beside each file) in one run, so each workspace file is
 * read and parsed once and the code the bundles share sits once in `<outputRoot>/dist/chunks`, unless
 * every output is newer than every file the last build read. Every spec's `outdir` lies below
 * `outputRoot`, which lies inside the repository, so node resolves the bundles' npm imports from the
 * repository's node_modules. The record of the build's inputs (`dist/build-inputs.json`) also names
 * each bundle's own. Returns whether it built.
 */
export async function buildBundles(outputRoot: string, specs: readonly BundleSpec[], options: { force?: boolean } = {}): Promise<boolean> {
  const sharedDir = sharedOutputDir(outputRoot);
  const outputs = specs.flatMap((spec) => spec.entryPoints.map((entryPoint) => outputFileOf(spec, entryPoint)));
  if (!options.force && isBundleFresh(sharedDir, outputs)) return false;
  const startedAt = Date.now();
  const { build } = await import('esbuild');
  const entryPoints = specs.flatMap((spec) =>
    spec.entryPoints.map((entryPoint) => ({
      in: entryPoint,
      out: relative(outputRoot, outputFileOf(spec, entryPoint)).replace(/\.js$/, ''),
    })),
  );
  const result = await build({
    absWorkingDir: outputRoot,
    entryPoints,
    outdir: outputRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    chunkNames: `${relative(outputRoot, join(sharedDir, 'chunks'))}/[name]-[hash]`,
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [thirdPartyExternal, sideEffectFreeWorkspace, sourceLocations(entryPoints.map((entry) => entry.in))],
  });
  writeOutputs([...specs.map((spec) => spec.outdir), join(sharedDir, 'chunks')], result.outputFiles);
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(outputRoot, input));
  mkdirSync(sharedDir, { recursive: true });
  recordBundleInputs(sharedDir, {
    startedAt,
    inputs: [...inputs, ...BUILD_TOOL_FILES],
    bundles: inputsOfEachBundle(result.metafile, outputRoot, specs),
  });
  return true;
}
