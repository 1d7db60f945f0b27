import { deadLetterQueueName, QUEUES } from '@jobpipe/contracts';
import { createRuntimePorts, type DeadLetter, type RuntimePorts } from '@jobpipe/shared';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

/** How many dead letters `show` looks through for the id. */
const SHOW_SCAN_LIMIT = 10_000;

/** The topology queue an operator named (`parser` or `parser-dlq`), or an error naming the known ones. */
function queueNamed(name: string): string {
  const queue = QUEUES.find((candidate) => candidate.name === name || deadLetterQueueName(candidate.name) === name);
  if (!queue) throw new Error(`unknown queue '${name}' (known: ${QUEUES.map((candidate) => candidate.name).join(', ')})`);
  return queue.name;
}

/** The detail-type of a dead letter's body, or `?` when the body is not an event. */
function detailTypeOf(letter: DeadLetter): string {
  try {
    const type = (JSON.parse(letter.body) as Record<string, unknown>)['detail-type'];
    return typeof type === 'string' ? type : '?';
  } catch {
    return '?';
  }
}

/** Runs an action with the ports, closing them afterwards; a failure prints one line and exits 1. */
async function withPorts(action: (ports: RuntimePorts) => Promise<void>): Promise<void> {
  let ports: RuntimePorts | undefined;
  try {
    const env = readCliEnvironment();
    ports = await createRuntimePorts(env.runtime, 'scheduler');
    await action(ports);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await ports?.close();
  }
}

/** `jobpipe dlq list|show|redrive <queue>`: inspect and redrive dead-lettered messages. */
export function register(program: Command): void {
  const dlq = program.command('dlq').description("inspect and redrive a queue's dead-letter queue");

  dlq
    .command('list')
    .description('list the dead letters of a queue, oldest first, with why each failed')
    .argument('<queue>', `queue name (${QUEUES.map((queue) => queue.name).join(', ')})`)
    .option('--limit <n>', 'how many to list', '50')
    .option('--json', 'print JSON')
    .action((name: string, options: { limit: string; json?: boolean }) =>
      withPorts(async (ports) => {
        const queue = queueNamed(name);
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit '${options.limit}' is not a positive whole number`);
        const letters = await ports.deadLetters.list(queue, limit);
        if (options.json) {
          console.log(
            JSON.stringify(
              letters.map((letter) => ({ ...letter, detailType: detailTypeOf(letter) })),
              null,
              2,
            ),
          );
          return;
        }
        if (letters.length === 0) {
          console.log(`${deadLetterQueueName(queue)} is empty`);
          return;
        }
        const table = new Table({
          head: ['message id', 'detail-type', 'dead-lettered at', 'receives', 'reason'],
          colWidths: [48, 20, 26, 10, 70],
          wordWrap: true,
        });
        for (const letter of letters) {
          table.push([letter.messageId, detailTypeOf(letter), letter.deadLetteredAt, letter.receiveCount, letter.reason]);
        }
        console.log(table.toString());
        // A full page may not be all of them: count every one (on SQS a scan, so only when needed).
        const total = letters.length < limit ? letters.length : await ports.deadLetters.count(queue);
        const shown = total > letters.length ? `showing the oldest ${letters.length} of ` : '';
        console.log(`${shown}${total} dead letter(s) on ${deadLetterQueueName(queue)}`);
      }),
    );

  dlq
    .command('show')
    .description('show one dead letter: why it failed and its whole body')
    .argument('<queue>', 'queue name')
    .argument('<messageId>', 'message id as printed by `dlq list`')
    .action((name: string, messageId: string) =>
      withPorts(async (ports) => {
        const queue = queueNamed(name);
        const letter = (await ports.deadLetters.list(queue, SHOW_SCAN_LIMIT)).find((candidate) => candidate.messageId === messageId);
        if (!letter) throw new Error(`no dead letter '${messageId}' on ${deadLetterQueueName(queue)} (see \`jobpipe dlq list ${queue}\`)`);
        let body: unknown = letter.body;
        try {
          body = JSON.parse(letter.body);
        } catch {
          // Not JSON (that may be why it is here): print it as it is.
        }
        console.log(`message id:       ${letter.messageId}`);
        console.log(`queue:            ${deadLetterQueueName(queue)} (from ${queue})`);
        console.log(`detail-type:      ${detailTypeOf(letter)}`);
        console.log(`dead-lettered at: ${letter.deadLetteredAt}`);
        console.log(`receives:         ${letter.receiveCount}`);
        console.log(`reason:           ${letter.reason}`);
        console.log('body:');
        console.log(typeof body === 'string' ? body : JSON.stringify(body, null, 2));
      }),
    );

  dlq
    .command('redrive')
    .description('move dead letters back to their queue (all of them, or those named with --id)')
    .argument('<queue>', 'queue name')
    .option('--id <messageId...>', 'only these message ids')
    .action((name: string, options: { id?: string[] }) =>
      withPorts(async (ports) => {
        const queue = queueNamed(name);
        const moved = await ports.deadLetters.redrive(queue, options.id);
        console.log(`moved ${moved} message(s) from ${deadLetterQueueName(queue)} back to ${queue}`);
        if (options.id && moved < options.id.length) {
          console.error(`warning: ${options.id.length - moved} of the given ids were not on ${deadLetterQueueName(queue)}`);
        }
      }),
    );
}
