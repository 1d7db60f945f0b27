import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@jobpipe/test-kit';
import { type BundleSpec, buildBundles, outputFileOf, sharedOutputDir } from '../../src/build/build-bundle.js';

const dir = tempDir('jobpipe-build-');
after(() => dir.remove());

/** A small package: an entry that uses one of two modules re-exported by an index. */
function writePackage(): BundleSpec {
  const sourceRoot = join(dir.path, 'package', 'src');
  mkdirSync(join(sourceRoot, 'lib'), { recursive: true });
  writeFileSync(join(sourceRoot, 'lib', 'where.ts'), 'export const sourceDir: string = import.meta.dirname;\n');
  writeFileSync(join(sourceRoot, 'lib', 'noisy.ts'), "console.log('noisy module evaluated');\nexport const noisy = 1;\n");
  writeFileSync(join(sourceRoot, 'lib', 'index.ts'), "export * from './noisy.js';\nexport * from './where.js';\n");
  writeFileSync(
    join(sourceRoot, 'main.ts'),
    "import { sourceDir } from './lib/index.js';\nexport const entryDir: string = import.meta.dirname;\nexport { sourceDir };\n",
  );
  return { name: 'package', entryPoints: [join(sourceRoot, 'main.ts')], sourceRoot, outdir: join(dir.path, 'package', 'dist') };
}

/** A second package whose entry uses the first one's `where.ts` too. */
function writeOtherPackage(): BundleSpec {
  const sourceRoot = join(dir.path, 'other', 'src');
  mkdirSync(sourceRoot, { recursive: true });
  writeFileSync(
    join(sourceRoot, 'main.ts'),
    "import { sourceDir } from '../../package/src/lib/where.js';\nexport const otherSourceDir: string = sourceDir;\n",
  );
  return { name: 'other', entryPoints: [join(sourceRoot, 'main.ts')], sourceRoot, outdir: join(dir.path, 'other', 'dist') };
}

const spec = writePackage();
const otherSpec = writeOtherPackage();
const specs = [spec, otherSpec];
const bundle = outputFileOf(spec, spec.entryPoints[0]!);
const buildBoth = (options: { force?: boolean } = {}) => buildBundles(dir.path, specs, options);

test('a bundled module keeps import.meta of its source file; the entry point keeps its own', async () => {
  assert.equal(await buildBoth(), true);
  const loaded = (await import(pathToFileURL(bundle).href)) as { entryDir: string; sourceDir: string };
  assert.equal(loaded.sourceDir, join(spec.sourceRoot, 'lib'));
  assert.equal(loaded.entryDir, spec.outdir);
});

test('workspace modules whose exports go unused are left out of the bundle', () => {
  assert.doesNotMatch(readFileSync(bundle, 'utf8'), /noisy module evaluated/);
});

test("bundles built together share a module in one chunk, and the record names each bundle's own inputs", async () => {
  const chunks = readdirSync(join(sharedOutputDir(dir.path), 'chunks')).filter((file) => file.endsWith('.js'));
  assert.equal(chunks.length, 1);
  assert.match(readFileSync(join(sharedOutputDir(dir.path), 'chunks', chunks[0]!), 'utf8'), /sourceDir/);
  const other = (await import(pathToFileURL(outputFileOf(otherSpec, otherSpec.entryPoints[0]!)).href)) as { otherSourceDir: string };
  assert.equal(other.otherSourceDir, join(spec.sourceRoot, 'lib'));
  const record = JSON.parse(readFileSync(join(sharedOutputDir(dir.path), 'build-inputs.json'), 'utf8')) as {
    bundles: Record<string, string[]>;
  };
  assert.deepEqual(record.bundles.other, [otherSpec.entryPoints[0], join(spec.sourceRoot, 'lib', 'where.ts')]);
  assert.ok(record.bundles.package!.includes(spec.entryPoints[0]!));
  assert.ok(!record.bundles.package!.includes(otherSpec.entryPoints[0]!));
});

test('the bundles are rebuilt only when a file they were built from changed since, and old chunks are removed', async () => {
  assert.equal(await buildBoth(), false);
  const leftOver = join(sharedOutputDir(dir.path), 'chunks', 'chunk-OLD.js');
  writeFileSync(leftOver, '');
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(spec.sourceRoot, 'lib', 'where.ts'), later, later);
  assert.equal(await buildBoth(), true);
  assert.equal(existsSync(leftOver), false);
  assert.equal(await buildBoth({ force: true }), true);
});
