/**
 * The replay server as its own process: `node --import tsx tools/replay/src/main.ts`.
 * Settings: JOBPIPE_REPLAY_PORT (0 = any free port), JOBPIPE_REPLAY_POSTINGS, JOBPIPE_REPLAY_BROKEN,
 * JOBPIPE_REPLAY_FAULT_RATE, JOBPIPE_REPLAY_SEED. Prints one JSON line once listening — the origin, how many
 * postings it serves, the scraper environment pointing at it, and the scrape requests that read everything it serves — then
 * serves until SIGINT/SIGTERM.
 */
import { startReplayServer } from './server.js';

const number = (name: string, fallback: number) => {
  const value = process.env[name];
  const parsed = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name}='${value}' is not a number >= 0`);
  return parsed;
};

const replay = await startReplayServer({
  port: number('JOBPIPE_REPLAY_PORT', 0),
  postings: number('JOBPIPE_REPLAY_POSTINGS', 50),
  broken: number('JOBPIPE_REPLAY_BROKEN', 0),
  seed: number('JOBPIPE_REPLAY_SEED', 42),
  faults: { rate: number('JOBPIPE_REPLAY_FAULT_RATE', 0) },
});
process.stdout.write(
  `${JSON.stringify({ origin: replay.origin, postings: replay.postings.length, env: replay.scraperEnv(), scrapeRequests: replay.scrapeRequests('replay-run') })}\n`,
);
const stop = () => void replay.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
