import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';

const LEVEL_WARN = 40;

/** A log destination for a command that prints tables: a file, counting the warnings and errors written to it. */
export interface RunLog {
  readonly path: string;
  readonly stream: NodeJS.WritableStream;
  /** Lines at warn level or above written so far. */
  warnings(): number;
  close(): Promise<void>;
}

/** Opens (appends to) the log file of a command run; the console keeps only what the command prints. */
export function openRunLog(path: string): RunLog {
  mkdirSync(dirname(path), { recursive: true });
  const file = createWriteStream(path, { flags: 'a' });
  let warnings = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        const level = /"level":(\d+)/.exec(line)?.[1];
        if (level !== undefined && Number(level) >= LEVEL_WARN) warnings++;
      }
      file.write(chunk, done);
    },
  });
  return {
    path,
    stream,
    warnings: () => warnings,
    close: () => new Promise((resolve) => file.end(resolve)),
  };
}
