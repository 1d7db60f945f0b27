/**
 * `npm run bench`: runs every suite in bench/suites (or those named on the command line), prints each
 * figure, and writes them all to bench/results.json. A suite measures its figure as a ratio against a
 * baseline it runs in the same process, so results compare across machines.
 *
 * Each suite runs in a fresh process of its own: a suite's figures must not depend on what ran before it
 * (in one shared process the parser's ratio fell from about 0.62 alone to 0.54 after the other suites,
 * whose heaps and compiled code it inherited).
 */
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A bench suite: returns figures keyed `area.figure`, e.g. `{ 'bus.messagesPerSecond': 9000 }`. */
export type BenchSuite = () => Promise<Record<string, number>>;

const suitesDir = join(import.meta.dirname, 'suites');
const ONE_SUITE = '--one-suite';

/** In the child: runs one suite and sends its figures to the parent. */
async function runOneSuite(file: string): Promise<void> {
  const suite = (await import(pathToFileURL(join(suitesDir, file)).href)).default as BenchSuite;
  const figures = await suite();
  await new Promise<void>((resolve, reject) => process.send!(figures, (error: Error | null) => (error ? reject(error) : resolve())));
  process.exit(0);
}

/** Runs one suite in a fresh child process; its figures, or an error when it failed. */
function suiteInChild(file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    let figures: Record<string, number> | undefined;
    const child = fork(import.meta.filename, [ONE_SUITE, file], { execArgv: ['--import', 'tsx'] });
    child.on('message', (message) => {
      figures = message as Record<string, number>;
    });
    child.on('error', reject);
    child.on('exit', (code) => (figures && code === 0 ? resolve(figures) : reject(new Error(`suite ${file} exited with code ${code}`))));
  });
}

if (process.argv[2] === ONE_SUITE) await runOneSuite(process.argv[3]!);

const resultsPath = join(import.meta.dirname, 'results.json');
const wanted = process.argv.slice(2);
const files = readdirSync(suitesDir)
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();

const results: Record<string, number> = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')).figures ?? {}) : {};
let failed = 0;
for (const file of files) {
  const started = performance.now();
  process.stdout.write(`bench ${file} … `);
  try {
    const figures = await suiteInChild(file);
    Object.assign(results, figures);
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(40)} ${Number(value.toFixed(3))}`);
  } catch (error) {
    failed++;
    console.log('failed');
    console.error(error);
  }
}
writeFileSync(
  resultsPath,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, figures: results }, null, 2)}\n`,
);
console.log(`wrote ${resultsPath}`);
process.exit(failed === 0 ? 0 : 1);
