import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@jobpipe/test-kit';
import { type BundleSpec, buildBundle, outputFileOf } from '../../src/build/build-bundle.js';

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

const spec = writePackage();
const bundle = outputFileOf(spec, spec.entryPoints[0]!);

test('a bundled module keeps import.meta of its source file; the entry point keeps its own', async () => {
  assert.equal(await buildBundle(spec), true);
  const loaded = (await import(pathToFileURL(bundle).href)) as { entryDir: string; sourceDir: string };
  assert.equal(loaded.sourceDir, join(spec.sourceRoot, 'lib'));
  assert.equal(loaded.entryDir, spec.outdir);
});

test('workspace modules whose exports go unused are left out of the bundle', () => {
  assert.doesNotMatch(readFileSync(bundle, 'utf8'), /noisy module evaluated/);
});

test('a bundle is rebuilt only when a file it was built from changed since', async () => {
  assert.equal(await buildBundle(spec), false);
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(spec.sourceRoot, 'lib', 'where.ts'), later, later);
  assert.equal(await buildBundle(spec), true);
  assert.equal(await buildBundle(spec, { force: true }), true);
});
