/**
 * Times a pass against a baseline pass in the same process: the two alternate in short rounds, so load
 * from other processes hits both alike, and the figures are medians over the rounds. A suite reports the
 * ratio (baseline seconds per pass / measured seconds per pass), which compares across machines.
 *
 * Passes are timed by the CPU time of this process, not the wall clock: the passes are synchronous, so on a
 * quiet machine the two agree, and on a busy one the time the process waits for a core is left out. On the
 * project's shared 2-core machine wall-clock rounds swung the parser's ratio from 0.3 to 0.8 between runs.
 */

/** Round settings: how many rounds, and how long each pass is repeated per round. */
export interface RoundOptions {
  readonly rounds: number;
  readonly roundSeconds: number;
}

/** What the rounds measured: median seconds per pass of each, and the median of the per-round ratios. */
export interface RoundTimings {
  readonly baselineSeconds: number;
  readonly measuredSeconds: number;
  readonly ratioToBaseline: number;
}

const DEFAULT_ROUNDS: RoundOptions = { rounds: 7, roundSeconds: 0.3 };

/** The middle value (the upper middle of an even count). */
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** CPU seconds this process has used (user and system, every thread: a pass's garbage collection counts). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds one run of `pass` takes, repeated until it has used at least `seconds`. */
function secondsPerPass(pass: () => void, seconds: number): number {
  let passes = 0;
  const started = cpuSeconds();
  while (cpuSeconds() - started < seconds) {
    pass();
    passes++;
  }
  return (cpuSeconds() - started) / passes;
}

/** Runs the baseline and the measured pass in alternating rounds. */
export function alternatingRounds(baseline: () => void, measured: () => void, options: RoundOptions = DEFAULT_ROUNDS): RoundTimings {
  const baselineSeconds: number[] = [];
  const measuredSeconds: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    baselineSeconds.push(secondsPerPass(baseline, options.roundSeconds));
    measuredSeconds.push(secondsPerPass(measured, options.roundSeconds));
    ratios.push(baselineSeconds[round]! / measuredSeconds[round]!);
  }
  return { baselineSeconds: median(baselineSeconds), measuredSeconds: median(measuredSeconds), ratioToBaseline: median(ratios) };
}
