import Table from 'cli-table3';
import { cliTableStyle } from './table-style.js';

/** A job as `GET /jobs` lists it (the fields the CLI shows). */
export interface ListedJob {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  readonly score: number | null;
  readonly track?: string | null;
  readonly source: string;
}

/** Renders the top scored jobs as a terminal table. */
export function renderTopJobs(jobs: readonly ListedJob[]): string {
  const table = new Table({
    head: ['#', 'score', 'title', 'company', 'track', 'source'],
    colWidths: [4, 7, 44, 30, 20, 12],
    wordWrap: false,
    ...cliTableStyle(),
  });
  jobs.forEach((job, index) => {
    table.push([index + 1, job.score === null ? '–' : job.score.toFixed(1), job.title, job.company, job.track ?? '–', job.source]);
  });
  return table.toString();
}
