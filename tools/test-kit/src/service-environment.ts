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
