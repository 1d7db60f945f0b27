import { createLogger, type RuntimeConfig, readRuntimeConfig, silentLogger } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { stackApiKey } from '../stack/stack-api-key.js';

/** How long the endpoint gets to answer the first request before we call it down. */
const PROBE_TIMEOUT_MS = 5000;

/** LocalStack takes any key; used when the environment names no credentials of its own. */
const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** Resource names become `<prefix>-<queue>`, `<prefix>-<table>`: keep them valid AWS names. */
const PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

interface BootstrapOptions {
  readonly endpoint: string;
  readonly region?: string;
  readonly prefix?: string;
}

/** The runtime settings for the bootstrap: the environment, with the command's options on top. */
function bootstrapConfig(env: Readonly<Record<string, string>>, options: BootstrapOptions): RuntimeConfig {
  if (!/^https?:\/\/[^\s/]+/.test(options.endpoint)) throw new Error(`--endpoint '${options.endpoint}' is not an http(s) URL`);
  if (options.prefix !== undefined && !PREFIX_PATTERN.test(options.prefix)) {
    throw new Error(`--prefix '${options.prefix}' is not valid: use letters, digits and '-' (at most 40, not starting with '-')`);
  }
  return readRuntimeConfig({
    ...env,
    JOBPIPE_TRANSPORT: 'aws',
    AWS_ENDPOINT_URL: options.endpoint,
    ...(options.region ? { AWS_REGION: options.region } : {}),
    ...(options.prefix ? { JOBPIPE_RESOURCE_PREFIX: options.prefix } : {}),
  });
}

/** Throws a one-line explanation when nothing answers HTTP at the endpoint (any answer will do). */
async function checkEndpointAnswers(endpoint: string): Promise<void> {
  try {
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const why = cause === 'TimeoutError' ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : cause;
    throw new Error(
      `nothing answers at ${endpoint} (${why}): start LocalStack first (docker compose up -d localstack) or check --endpoint`,
    );
  }
}

/** `jobpipe bootstrap --endpoint URL`: the AWS resources of the topology, at LocalStack or any AWS-compatible endpoint. */
export function register(program: Command): void {
  program
    .command('bootstrap')
    .description(
      'create the event bus, one rule per queue, the queues with their DLQs, the tables and the blob bucket of the contracts topology ' +
        'at an AWS-compatible endpoint (LocalStack); safe to run again. Bus and bucket names come from JOBPIPE_EVENT_BUS and JOBPIPE_BUCKET.',
    )
    .requiredOption('--endpoint <url>', 'the endpoint, e.g. http://localhost:4566 for LocalStack')
    .option('--region <region>', 'region (default: AWS_REGION, else us-east-1)')
    .option('--prefix <prefix>', 'prefix of queue, rule, table and secret names (default: JOBPIPE_RESOURCE_PREFIX, else jobpipe)')
    .action(async (options: BootstrapOptions) => {
      try {
        const env = readCliEnvironment().passThrough;
        const config = bootstrapConfig(env, options);
        await checkEndpointAnswers(options.endpoint);
        // Loaded only here: the other commands never load the AWS SDK.
        const { bootstrapAws, createAwsPorts } = await import('@jobpipe/shared/aws');
        const usesOwnCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
        const report = await bootstrapAws(config, {
          // Errors reach the operator as they happen; its warnings come back as `problems`, printed below.
          logger: createLogger('jobpipe-bootstrap', 'error', process.stderr),
          ...(usesOwnCredentials ? {} : { credentials: LOCAL_CREDENTIALS }),
        });
        console.log(`bootstrapped ${config.aws.endpoint} (${config.aws.region}, prefix '${config.aws.resourcePrefix}'):`);
        console.log(`  event bus  ${report.eventBusName}`);
        console.log(
          `  queues     ${report.queues.length}, each with its DLQ and rule: ${report.queues.map((queue) => queue.queue).join(', ')}`,
        );
        console.log(`  tables     ${report.tables.join(', ')}`);
        console.log(`  bucket     ${report.bucket}`);
        const ports = await createAwsPorts(config, 'scheduler', {
          logger: silentLogger,
          ...(usesOwnCredentials ? {} : { credentials: LOCAL_CREDENTIALS }),
        });
        try {
          const key = await stackApiKey(ports, 'jobpipe bootstrap');
          console.log(`  API key    ${key}   (header: authorization: Bearer <key>; kept in the secret store)`);
        } finally {
          await ports.close();
        }
        if (report.problems.length > 0) {
          console.error(`${report.problems.length} resource(s) differ from the topology in ways the bootstrap cannot fix:`);
          for (const problem of report.problems) console.error(`  - ${problem}`);
          process.exitCode = 1;
        }
      } catch (error) {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    });
}
