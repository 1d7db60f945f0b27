import { Writable } from 'node:stream';
import { createLogger } from '@jobpipe/shared';

/** A real service logger whose JSON lines are kept for assertions. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('scraper', 'debug', stream);
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
