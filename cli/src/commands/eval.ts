/**
 * `jobpipe eval extraction`: runs the parser over the labelled corpus (services/parser/corpus) and prints
 * per-field precision and recall, and with --misses what it got wrong. Offline; reads no runtime data.
 */
import { evaluateExtraction, readExtractionBaseline, readExtractionCorpus } from '@jobpipe/parser';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { cliTableStyle } from '../stack/table-style.js';

const figure = (value: number) => value.toFixed(3);

/** Registers `jobpipe eval extraction`. */
export function register(program: Command): void {
  program
    .command('eval')
    .description('measure the pipeline against labelled data')
    .command('extraction')
    .description('per-field precision and recall of the parser on the labelled corpus (services/parser/corpus)')
    .option('--misses [count]', 'also print what the parser got wrong (up to count, default 50)')
    .action((options: { misses?: string | boolean }) => {
      const report = evaluateExtraction(readExtractionCorpus());
      const baseline = readExtractionBaseline();
      console.log(`corpus: ${report.snippets} snippets, ${report.postings} whole postings`);
      const table = new Table({ head: ['field', 'precision', 'recall', 'F1', 'exact', 'items', 'floor (P / R)'], ...cliTableStyle() });
      let below = false;
      for (const [field, score] of Object.entries(report.fields)) {
        const floor = baseline[field];
        const failing = floor && (score.precision < floor.precision || score.recall < floor.recall);
        below ||= Boolean(failing);
        table.push([
          field,
          figure(score.precision),
          figure(score.recall),
          figure(score.f1),
          figure(score.accuracy),
          String(score.items),
          floor ? `${floor.precision} / ${floor.recall}${failing ? '  BELOW' : ''}` : '',
        ]);
      }
      console.log(table.toString());
      if (options.misses) {
        const count = typeof options.misses === 'string' ? Number(options.misses) : 50;
        for (const miss of report.misses.slice(0, count)) {
          console.log(`${miss.id} ${miss.field}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.actual)}`);
        }
      }
      if (below) process.exitCode = 1;
    });
}
