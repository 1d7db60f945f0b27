import { randomBytes } from 'node:crypto';

/** The environment service processes get: this one without the test runner's and jobpipe's own settings. */
export function serviceEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('JOBPIPE_') && entry[0] !== 'NODE_TEST_CONTEXT',
  );
  return { ...Object.fromEntries(inherited), JOBPIPE_LOG_LEVEL: 'warn', ...extra };
}

/** A random key for a test's embedded secret store. */
export function testSecretKey(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The environment of a service's Lambda entry in a test against mocked AWS clients: the aws transport,
 * the resource names the mocks answer for, test credentials, silent logs; `extra` adds or overrides
 * (data folder, bucket, endpoint, the service's own settings). A Lambda entry reads `process.env` when
 * it is imported, so a test assigns this first and imports its `lambda.ts` after.
 */
export function lambdaTestEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    JOBPIPE_TRANSPORT: 'aws',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    JOBPIPE_RESOURCE_PREFIX: 'jp',
    JOBPIPE_EVENT_BUS: 'jp-bus',
    JOBPIPE_LOG_LEVEL: 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}
