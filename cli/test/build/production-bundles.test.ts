/**
 * What ships carries no tool and no test: each service bundle `npm start` and the containers run
 * (`services/<name>/dist/main.js`, and the group entry that runs several light services in one process) is built here, as `npm run build` builds it, and its esbuild inputs
 * (recorded in `build-inputs.json`) are read. (The Lambda packages are checked by infra's synth test.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { buildBundles, sharedOutputDir } from '../../src/build/build-bundle.js';
import { serviceBundles } from '../../src/build/stack-bundles.js';
import { REPO_ROOT } from '../../src/config.js';

const dir = tempDir('jobpipe-production-bundles-');
after(() => dir.remove());

/** Repository files of a bundle that come from a tool or a test. */
const toolOrTest = (files: readonly string[]) => files.filter((file) => /^tools\/|(^|\/)test\/|\.test\.ts$/.test(file));

test('no service bundle holds a file of tools/ or a test file', async () => {
  // The service bundles as `npm run build` makes them (built together), written below a folder of the test's own.
  const specs = serviceBundles(REPO_ROOT).map((spec) => ({ ...spec, outdir: join(dir.path, relative(REPO_ROOT, spec.outdir)) }));
  await buildBundles(dir.path, specs, { force: true });
  await (await import('esbuild')).stop();
  const { bundles } = JSON.parse(readFileSync(join(sharedOutputDir(dir.path), 'build-inputs.json'), 'utf8')) as {
    bundles: Record<string, string[]>;
  };
  for (const spec of specs) {
    const files = bundles[spec.name]!.map((input) => relative(REPO_ROOT, input));
    for (const entry of spec.entryPoints)
      assert.ok(
        files.includes(relative(REPO_ROOT, entry)),
        `${spec.name}: the inputs are the bundle's own (${relative(REPO_ROOT, entry)})`,
      );
    assert.deepEqual(toolOrTest(files), [], `${spec.name}'s bundle`);
  }
});
