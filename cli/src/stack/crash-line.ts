import type { ServiceCrash } from './supervisor.js';

/** One console line for a crashed service: which, how it ended, its last logged error, and when it restarts. */
export function crashLine(crash: ServiceCrash): string {
  const seconds = (crash.restartInMs / 1000).toFixed(crash.restartInMs < 10_000 ? 1 : 0);
  const reason = crash.lastError ? `: ${crash.lastError.split('\n')[0]}` : '';
  return `! ${crash.service} crashed (${crash.exit})${reason}; restarting in ${seconds} s`;
}
