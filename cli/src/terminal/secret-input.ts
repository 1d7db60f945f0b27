import { createInterface } from 'node:readline';

/**
 * Reads secret values without putting them on the command line (where shell history and `ps` would
 * keep them): at a terminal, one hidden prompt per value; from a pipe, one line per value
 * (`printf '%s\n' "$PASSWORD" "$TOTP" | jobpipe site add …`).
 */
export async function readSecretLines(prompts: readonly string[]): Promise<string[]> {
  if (process.stdin.isTTY) {
    const values: string[] = [];
    for (const prompt of prompts) values.push(await hiddenPrompt(prompt));
    return values;
  }
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lines.push(line);
    if (lines.length === prompts.length) break;
  }
  return lines;
}

/** Asks for one value at the terminal, echoing nothing. */
function hiddenPrompt(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`${prompt}: `);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') {
          finish();
          return resolve(value);
        }
        if (character === '\u0003') {
          finish();
          return reject(new Error('cancelled'));
        }
        if (character === '\u007f') value = value.slice(0, -1);
        else value += character;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
