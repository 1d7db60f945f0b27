/**
 * `jobpipe model eval`: how well the recommender predicts the user's own decisions. Trains a model on
 * the labelled decisions outside a held-back part (chosen by a hash of the job id, so runs repeat) and
 * reports on that part: the model's precision, recall and AUC, and precision@10/@50 of the blended score.
 * Reads the data of the configured runtime (JOBPIPE_DATA_DIR for the embedded one).
 */
import { type EvaluationReport, evaluateDecisions, RecommenderState } from '@jobpipe/recommender';
import { createRuntimePorts, readRuntimeConfig } from '@jobpipe/shared';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { cliTableStyle } from '../stack/table-style.js';

const EMPTY_CONFIG = { tracks: [], searches: [] };

function fraction(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new Error(`--hold-back must be between 0 and 1 (got '${text}')`);
  return value;
}

const figure = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(3));

function printReport(report: EvaluationReport): void {
  console.log(
    `labelled decisions: ${report.trainingExamples} for training, ${report.heldBackExamples} held back (${report.heldBackPositives} wanted)`,
  );
  if (report.heldBackExamples === 0) {
    console.log('Nothing held back to measure on yet: shortlist or screen out more jobs in the CRM, then run this again.');
  }
  const measured = (value: number) => (report.heldBackExamples === 0 ? 'n/a' : figure(value));
  const table = new Table({ head: ['measure', 'value'], ...cliTableStyle() });
  if ('reason' in report.model) table.push(['model', `not trained: ${report.model.reason}`]);
  else {
    table.push(
      [`model precision (P ≥ ${report.model.threshold})`, figure(report.model.precision)],
      [`model recall (P ≥ ${report.model.threshold})`, figure(report.model.recall)],
      ['model AUC', figure(report.model.auc)],
    );
  }
  table.push(
    ['blended precision@10', measured(report.blended.precisionAt10)],
    ['blended precision@50', measured(report.blended.precisionAt50)],
    ['share wanted (random ranking)', measured(report.blended.baseRate)],
  );
  console.log(table.toString());
}

/** Registers the `model` command group. */
export function register(program: Command): void {
  const model = program.command('model').description("the recommender's learned model");
  model
    .command('eval')
    .description("measure the model and the blended score on a held-back part of the user's decisions")
    .option('--hold-back <fraction>', 'share of the decisions held back for measuring', fraction, 0.25)
    .option('--json', 'print the report as JSON')
    .action(async (options: { holdBack: number; json?: boolean }) => {
      const ports = await createRuntimePorts(readRuntimeConfig(process.env), 'recommender');
      try {
        const state = new RecommenderState(ports.tables, ports.blobs, ports.outbox);
        const examples = await state.trainingExamples();
        const config = (await state.config())?.config ?? EMPTY_CONFIG;
        const report = evaluateDecisions(examples, config, { holdBack: options.holdBack });
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
      } finally {
        await ports.close();
      }
    });
}
