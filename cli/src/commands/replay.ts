/**
 * `jobpipe replay`: serves recorded and generated responses of every job source at their real paths on
 * 127.0.0.1, so the scraper (and anyone curious) can work offline. Prints the environment that points
 * the scraper at it, then serves until Ctrl-C.
 */
import { FAULT_KINDS, type FaultKind, startReplayServer } from '@jobpipe/replay';
import { type Command, InvalidArgumentError } from 'commander';

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return number;
}

function faultKinds(value: string): FaultKind[] {
  const kinds = value.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown fault kind(s) ${unknown.join(', ')}: use ${FAULT_KINDS.join(', ')}`);
  return kinds as FaultKind[];
}

function rate(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return number;
}

interface ReplayOptions {
  port: number;
  postings: number;
  broken: number;
  faultRate: number;
  faults?: FaultKind[];
  seed: number;
}

/** Registers the `replay` command. */
export function register(program: Command): void {
  program
    .command('replay')
    .description('serve recorded job-source responses (MCF, USAJOBS, Greenhouse, Lever, JSON-LD pages) on 127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', wholeNumber, 8787)
    .option('--postings <n>', 'generated postings on top of the recorded ones', wholeNumber, 50)
    .option('--broken <n>', 'how many generated postings are deliberately broken (the parser dead-letters them)', wholeNumber, 0)
    .option('--fault-rate <r>', 'share of requests answered with a transport fault (0..1)', rate, 0)
    .option('--faults <kinds>', `fault kinds, comma-separated: ${FAULT_KINDS.join(',')} (default all)`, faultKinds)
    .option('--seed <n>', 'seed of the generator and of the faults', wholeNumber, 42)
    .action(async (options: ReplayOptions) => {
      const replay = await startReplayServer({
        port: options.port,
        postings: options.postings,
        broken: options.broken,
        seed: options.seed,
        faults: { rate: options.faultRate, seed: options.seed, ...(options.faults ? { kinds: options.faults } : {}) },
      });
      const counts = new Map<string, number>();
      for (const posting of replay.postings) counts.set(posting.source, (counts.get(posting.source) ?? 0) + 1);
      console.log(`Replay serving ${replay.postings.length} postings at ${replay.origin}`);
      console.log(`  ${[...counts].map(([source, count]) => `${source} ${count}`).join(', ')}`);
      for (const [source, boards] of Object.entries(replay.boards)) console.log(`  ${source} boards: ${boards.join(', ')}`);
      console.log(`  JSON-LD search page: ${replay.searchPageUrl} (follow 'a.job-link')`);
      if (options.faultRate > 0) console.log(`  Faults on ${Math.round(options.faultRate * 100)}% of requests`);
      console.log('\nPoint the scraper here with:');
      for (const [name, value] of Object.entries(replay.scraperEnv())) console.log(`  ${name}='${value}'`);
      console.log('\nCtrl-C stops.');
      const stop = () => void replay.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
