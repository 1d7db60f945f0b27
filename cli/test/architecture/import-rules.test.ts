/**
 * The dependency rule (`.dependency-cruiser.cjs`, run by `npm run lint`) on a small repository written here:
 * every import that breaks a rule is reported under that rule, and the allowed ones are not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = tempDir('jobpipe-import-rules-');
after(() => dir.remove());

/** Each file of the fixture repository and what it imports (relative specifiers, as the packages' own files). */
const FILES: Record<string, string[]> = {
  'contracts/src/index.ts': ['../../shared/src/index.js'],
  'shared/src/index.ts': ['../../contracts/src/index.js', './ports/tables.js'],
  'shared/src/ports/tables.ts': [],
  'services/parser/src/app.ts': ['../../../shared/src/index.js', '../../scraper/src/index.js', '../test/helper.js'],
  'services/parser/src/main.ts': ['./app.js', '../../../tools/test-kit/src/index.js'],
  'services/parser/test/helper.ts': ['../../../tools/test-kit/src/index.js', '../../../tools/replay/src/index.js'],
  'services/scraper/src/index.ts': ['../../../contracts/src/index.js'],
  'services/scraper/src/run-record.ts': ['./run-coverage.js'],
  'services/scraper/src/run-coverage.ts': ['./run-record.js'],
  'services/crm-api/src/adapters/read-model.ts': ['../../../../shared/src/index.js'],
  'services/crm-api/src/use-cases/jobs.ts': ['../adapters/read-model.js'],
  'services/crm-api/src/http/routes/jobs.ts': [
    '../../use-cases/jobs.js',
    '../../adapters/read-model.js',
    '../../../../../shared/src/index.js',
    '../../../../../shared/src/ports/tables.js',
  ],
  'cli/src/main.ts': ['../../services/scraper/src/index.js', '../../tools/replay/src/index.js'],
  'infra/src/app.ts': ['../../services/parser/src/app.js', '../../tools/replay/src/index.js'],
  'tools/replay/src/index.ts': ['../../../contracts/src/index.js', '../../../services/scraper/src/index.js'],
  'tools/test-kit/src/index.ts': ['../../../contracts/src/index.js'],
  'bench/suites/parser.ts': ['../../tools/test-kit/src/index.js', '../../services/parser/test/helper.js', '../../cli/src/main.js'],
};

/** The imports that break a rule, as `rule: from → to`. */
const EXPECTED = [
  'contracts-imports-no-package: contracts/src/index.ts → shared/src/index.ts',
  'no-service-imports-another: services/parser/src/app.ts → services/scraper/src/index.ts',
  'no-src-imports-test: services/parser/src/app.ts → services/parser/test/helper.ts',
  'service-imports-only-contracts-and-shared: services/parser/src/main.ts → tools/test-kit/src/index.ts',
  'tools-imported-only-by-tests-bench-cli: services/parser/src/main.ts → tools/test-kit/src/index.ts',
  'routes-use-use-cases-not-storage: services/crm-api/src/http/routes/jobs.ts → services/crm-api/src/adapters/read-model.ts',
  'routes-use-use-cases-not-storage: services/crm-api/src/http/routes/jobs.ts → shared/src/ports/tables.ts',
  'infra-imports-no-cli-tools-or-bench: infra/src/app.ts → tools/replay/src/index.ts',
  'tools-imported-only-by-tests-bench-cli: infra/src/app.ts → tools/replay/src/index.ts',
  'tools-import-no-service: tools/replay/src/index.ts → services/scraper/src/index.ts',
  'bench-imports-no-test: bench/suites/parser.ts → services/parser/test/helper.ts',
];

function writeFixture(): void {
  for (const [file, imports] of Object.entries(FILES)) {
    const path = join(dir.path, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${imports.map((specifier) => `import '${specifier}';`).join('\n')}\nexport const name = '${file}';\n`);
  }
  copyFileSync(join(root, 'tsconfig.base.json'), join(dir.path, 'tsconfig.base.json'));
}

test('each import that breaks the dependency rule fails under its rule; the allowed imports pass', () => {
  writeFixture();
  const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(
    process.execPath,
    [
      depcruise,
      'contracts',
      'shared',
      'services',
      'cli',
      'infra',
      'tools',
      'bench',
      '--config',
      join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    ],
    { cwd: dir.path, encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(run.error, undefined);
  // The `err` report, as `npm run lint` prints it: one `error <rule>: <from> → <to>` line per violation.
  const found = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => `${rule}: ${from} → ${to}`);
  assert.deepEqual(found.sort(), [...EXPECTED].sort(), run.stdout);
  // A cycle is reported over several lines, the modules in import order back to the first.
  assert.match(
    run.stdout,
    /error no-circular: services\/scraper\/src\/run-(record|coverage)\.ts →\s+services\/scraper\/src\/run-(record|coverage)\.ts →\s+services\/scraper\/src\/run-\1\.ts/,
    'an import cycle outside shared fails too',
  );
  assert.match(run.stdout, new RegExp(`${Object.keys(FILES).length} modules`), 'every fixture file was read');
  assert.notEqual(run.status, 0, 'depcruise exits non-zero, so `npm run lint` fails');
});
