import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';

function rejects(env: Record<string, string>, message: RegExp): void {
  assert.throws(
    () => readRuntimeConfig(env),
    (error: unknown) => error instanceof ConfigError && error.code === 'CONFIG_INVALID' && message.test(error.message),
  );
}

test('defaults: embedded transport, ./data, info logs, no health port', () => {
  const config = readRuntimeConfig({});
  assert.equal(config.transport, 'embedded');
  assert.equal(config.dataDir, resolve('data'));
  assert.equal(config.logLevel, 'info');
  assert.equal(config.healthPort, undefined);
  assert.equal(config.secretKey, undefined);
  assert.equal(config.aws.region, 'us-east-1');
  assert.equal(config.aws.endpoint, undefined);
});

test('values are read from the environment', () => {
  const config = readRuntimeConfig({
    JOBPIPE_TRANSPORT: 'aws',
    JOBPIPE_DATA_DIR: '/var/lib/jobpipe',
    JOBPIPE_LOG_LEVEL: 'debug',
    JOBPIPE_HEALTH_PORT: '0',
    JOBPIPE_SECRET_KEY: 'sixteen-chars-long',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    AWS_DEFAULT_REGION: 'ap-southeast-1',
  });
  assert.equal(config.transport, 'aws');
  assert.equal(config.dataDir, '/var/lib/jobpipe');
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.healthPort, 0);
  assert.equal(config.secretKey, 'sixteen-chars-long');
  assert.equal(config.aws.endpoint, 'http://127.0.0.1:4566');
  assert.equal(config.aws.region, 'ap-southeast-1');
});

test('an empty value counts as not set', () => {
  const config = readRuntimeConfig({ JOBPIPE_TRANSPORT: '', JOBPIPE_DATA_DIR: '', JOBPIPE_HEALTH_PORT: '', JOBPIPE_SECRET_KEY: '' });
  assert.equal(config.transport, 'embedded');
  assert.equal(config.dataDir, resolve('data'));
  assert.equal(config.healthPort, undefined);
  assert.equal(config.secretKey, undefined);
});

test('bad values fail with an error naming the setting, the value and what is allowed', () => {
  rejects({ JOBPIPE_TRANSPORT: 'kafka' }, /^JOBPIPE_TRANSPORT='kafka' is not valid: use one of embedded, aws$/);
  rejects({ JOBPIPE_LOG_LEVEL: 'loud' }, /^JOBPIPE_LOG_LEVEL='loud' is not valid: use one of trace, debug, info, warn, error, silent$/);
  for (const port of ['http', '70000', '-1', '80.5'])
    rejects({ JOBPIPE_HEALTH_PORT: port }, new RegExp(`^JOBPIPE_HEALTH_PORT='${port}' is not valid: use a whole number from 0 to 65535$`));
  rejects({ AWS_ENDPOINT_URL: 'localhost:4566' }, /^AWS_ENDPOINT_URL='localhost:4566' is not valid: an http\(s\) URL/);
});

test('a short secret key is refused without echoing it', () => {
  assert.throws(
    () => readRuntimeConfig({ JOBPIPE_SECRET_KEY: 'hunter2' }),
    (error: unknown) => error instanceof ConfigError && /at least 16 characters/.test(error.message) && !error.message.includes('hunter2'),
  );
});

test('the config is frozen', () => {
  const config = readRuntimeConfig({});
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.aws));
});
