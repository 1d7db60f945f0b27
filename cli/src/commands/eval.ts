/**
 * `jobpipe eval extraction`: runs the parser over the labelled corpus (services/parser/corpus) and prints
 * per-field precision and recall, and with --misses what it got wrong. `jobpipe eval inbox`: cross-validates
 * the inbox classifier on its labelled set (services/inbox/labelled) and prints precision and recall per
 * class. Offline; both read no runtime data.
 */
import { crossValidateInbox, readLabelledSet } from '@jobpipe/inbox';
import { evaluateExtraction, readExtractionBaseline, readExtractionCorpus } from '@jobpipe/parser';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { cliTableStyle } from '../stack/table-style.js';

const figure = (value: number) => value.toFixed(3);

const missCount = (misses: string | boolean) => (typeof misses === 'string' ? Number(misses) : 50);

/** Registers `jobpipe eval extraction` and `jobpipe eval inbox`. */
export function register(program: Command): void {
  const evaluation = program.command('eval').description('measure the pipeline against labelled data');
  registerInbox(evaluation);
  evaluation
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
        for (const miss of report.misses.slice(0, missCount(options.misses))) {
          console.log(`${miss.id} ${miss.field}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.actual)}`);
        }
      }
      if (below) process.exitCode = 1;
    });
}

function registerInbox(evaluation: Command): void {
  evaluation
    .command('inbox')
    .description('precision and recall per class of the inbox classifier, cross-validated on its labelled set (services/inbox/labelled)')
    .option('--folds <count>', 'cross-validation folds (each message is judged by a model trained on the others)', '5')
    .option('--misses [count]', 'also print the messages it classified wrongly (up to count, default 50)')
    .action((options: { folds: string; misses?: string | boolean }) => {
      const folds = Number(options.folds);
      if (!Number.isInteger(folds) || folds < 2) {
        console.error(`--folds must be a whole number of at least 2, not '${options.folds}'`);
        process.exitCode = 2;
        return;
      }
      const report = crossValidateInbox(readLabelledSet(), folds);
      console.log(`labelled set: ${report.messages} messages, ${report.folds}-fold stratified cross-validation (held out)`);
      const table = new Table({ head: ['class', 'precision', 'recall', 'F1', 'messages'], ...cliTableStyle() });
      for (const [emailClass, score] of Object.entries(report.classes))
        table.push([emailClass, figure(score.precision), figure(score.recall), figure(score.f1), String(score.support)]);
      console.log(table.toString());
      console.log(`macro F1 ${figure(report.macroF1)}, accuracy ${figure(report.accuracy)}`);
      if (options.misses) {
        for (const miss of report.misses.slice(0, missCount(options.misses)))
          console.log(`${miss.id}: labelled ${miss.expected}, classified ${miss.actual} (${figure(miss.confidence)})`);
      }
    });
}
