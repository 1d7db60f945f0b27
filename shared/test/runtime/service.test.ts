import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { Counter } from 'prom-client';
import { silentLogger } from '../../src/ports/logger.js';
import { defineService } from '../../src/runtime/define-service.js';
import { type EnvSchema, readEnvConfig } from '../../src/runtime/env-config.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { startService } from '../../src/runtime/service.js';

const dir = tempDir('jobpipe-service-');

const GREETING_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'parser',
  type: 'object',
  properties: { GREETING: { type: 'string', default: 'none', description: 'what the test service says' } },
} as const satisfies EnvSchema;
after(() => dir.remove());

test('startService reads the config from env, starts side jobs in order, and stops them in reverse before closing what was built', async () => {
  const steps: string[] = [];
  const definition = defineService({
    name: 'parser',
    envSchema: GREETING_SCHEMA,
    readConfig: (env) => ({ runtime: readRuntimeConfig(env), greeting: readEnvConfig(GREETING_SCHEMA, env).GREETING }),
    build: (_ports, config) => {
      steps.push(`build ${config.greeting}`);
      const processed = new Counter({ name: 'parser_test_things_total', help: 'things', registers: [] });
      return {
        handlers: defineHandlers({ 'job.scraped@1': async () => {} }),
        metrics: { registerInto: (registry) => registry.registerMetric(processed) },
        sideJobs: {
          first: async () => {
            steps.push('start first');
            return { stop: async () => void steps.push('stop first') };
          },
          second: async () => {
            steps.push('start second');
            return { stop: async () => void steps.push('stop second') };
          },
        },
        close: async () => void steps.push('close'),
      };
    },
  });
  const service = await startService(definition, { env: { JOBPIPE_DATA_DIR: dir.path, GREETING: 'hello' }, logger: silentLogger });
  assert.equal(service.config.greeting, 'hello');
  assert.equal(service.healthServer, undefined, 'no JOBPIPE_HEALTH_PORT, no health server');
  assert.match(await service.metrics.registry.metrics(), /parser_test_things_total/);
  assert.deepEqual(steps, ['build hello', 'start first', 'start second']);
  await service.stop();
  assert.deepEqual(steps, ['build hello', 'start first', 'start second', 'stop second', 'stop first', 'close']);
  assert.equal(service.runner?.status().running, false);
});

test('a config error surfaces from startService before anything is opened', async () => {
  const definition = defineService({
    name: 'parser',
    envSchema: { ...GREETING_SCHEMA, properties: {} },
    readConfig: (env) => ({ runtime: readRuntimeConfig(env) }),
    build: () => assert.fail('build must not run'),
  });
  await assert.rejects(startService(definition, { env: { JOBPIPE_TRANSPORT: 'carrier-pigeon' } }), /JOBPIPE_TRANSPORT='carrier-pigeon'/);
});
