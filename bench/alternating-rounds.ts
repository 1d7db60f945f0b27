/**
 * Times a pass against a baseline pass in the same process: the two alternate in short rounds, so load
 * from other processes hits both alike, and the figures are medians over the rounds. A suite reports the
 * ratio (baseline seconds per pass / measured seconds per pass), which compares across machines.
 *
 * Passes are timed by the CPU time of this process, not the wall clock: the passes are synchronous, so on a
 * quiet machine the two agree, and on a busy one the time the process waits for a core is left out. On the
 * project's shared 2-core machine wall-clock rounds swung the parser's ratio from 0.3 to 0.8 between runs.
 *
 * Both passes first run in turns for a few CPU seconds: the figures are the steady pace of a service that
 * runs all day, not V8's start-up. V8 optimizes a large pass over seconds of its running, and this process's
 * CPU time counts its compiler threads meanwhile: after five warm-up passes the parser's pass took about
 * 20 ms in the first rounds and 8 ms after twenty, while htmlparser2's stayed level.
 */

/** Round settings: how long both passes warm up first, how many rounds, and how long each pass is repeated per round. */
export interface RoundOptions {
  /** CPU seconds the two passes run in turns before the rounds are timed. */
  readonly warmUpSeconds: number;
  readonly rounds: number;
  readonly roundSeconds: number;
}

/** What the rounds measured: median seconds per pass of each, and the median of the per-round ratios. */
export interface RoundTimings {
  readonly baselineSeconds: number;
  readonly measuredSeconds: number;
  readonly ratioToBaseline: number;
}

const DEFAULT_ROUNDS: RoundOptions = { warmUpSeconds: 3, rounds: 7, roundSeconds: 0.3 };

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
  const warmUntil = cpuSeconds() + options.warmUpSeconds;
  while (cpuSeconds() < warmUntil) {
    baseline();
    measured();
  }
  for (let round = 0; round < options.rounds; round++) {
    baselineSeconds.push(secondsPerPass(baseline, options.roundSeconds));
    measuredSeconds.push(secondsPerPass(measured, options.roundSeconds));
    ratios.push(baselineSeconds[round]! / measuredSeconds[round]!);
  }
  return { baselineSeconds: median(baselineSeconds), measuredSeconds: median(measuredSeconds), ratioToBaseline: median(ratios) };
}
