import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ConfigItem, CrmItem, SessionItem } from '@jobpipe/contracts';
import { tempDir } from '@jobpipe/test-kit';
import { silentLogger } from '../../src/ports/logger.js';
import type { TableStore } from '../../src/ports/tables.js';
import { defineService } from '../../src/runtime/define-service.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import type { RuntimePorts, ServicePorts } from '../../src/runtime/runtime-ports.js';
import { startService } from '../../src/runtime/service.js';

// The owner rule is checked by the compiler: `npm test` and `turbo run typecheck` compile this file, and
// each `@ts-expect-error` below fails the check as soon as the line it marks compiles.

const NO_ENV = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'auth-refresher',
  type: 'object',
  properties: {},
} as const;

/** Writes the auth-refresher may not make: `crm` and `config` are crm-api's tables. */
export async function writesOfAnotherService(ports: ServicePorts<'auth-refresher'>, crm: CrmItem, config: ConfigItem): Promise<void> {
  // @ts-expect-error crm-api owns `crm`: the auth-refresher's tables may not write it.
  await ports.tables.put('crm', crm);
  // @ts-expect-error nor delete from it,
  await ports.tables.delete('config', { key: 'current' });
  // @ts-expect-error nor write it in a transaction,
  await ports.tables.transact([{ table: 'config', item: config }]);
  // @ts-expect-error nor through the outbox.
  await ports.outbox.commit({ writes: [{ table: 'crm', item: crm }], events: [] });
  // @ts-expect-error Its tables cannot be handed to code that may write every table,
  const everyTable: TableStore = ports.tables;
  // @ts-expect-error nor its ports to a build over all-writing ports.
  const runtimePorts: RuntimePorts = ports;
  void [everyTable, runtimePorts];
}

/** A `build` declared over all-writing ports does not compile. */
export const declaredOverEveryTable = defineService({
  name: 'auth-refresher',
  envSchema: NO_ENV,
  readConfig: (env) => ({ runtime: readRuntimeConfig(env) }),
  // @ts-expect-error the auth-refresher's build gets ServicePorts<'auth-refresher'>, not RuntimePorts.
  build: (_ports: RuntimePorts) => ({ handlers: defineHandlers({}) }),
});

const dir = tempDir('jobpipe-owner-');
after(() => dir.remove());

test("a service's ports write its own tables and read every table", async () => {
  const session: SessionItem = {
    site: 'example',
    status: 'ok',
    expiresAt: null,
    failures: 0,
    lastError: null,
    reason: null,
    nextAttemptAt: null,
    screenshotBlobKey: null,
    updatedAt: '2026-03-01T12:00:00.000Z',
  };
  const definition = defineService({
    name: 'auth-refresher',
    envSchema: NO_ENV,
    readConfig: (env) => ({ runtime: readRuntimeConfig(env) }),
    build: async (ports) => {
      await ports.tables.put('sessions', session);
      return {
        handlers: defineHandlers({}),
        readSession: () => ports.tables.get('sessions', { site: 'example' }),
        readConfig: () => ports.tables.get('config', { key: 'current' }),
      };
    },
  });
  const service = await startService(definition, { env: { JOBPIPE_DATA_DIR: dir.path }, logger: silentLogger });
  after(() => service.stop());
  assert.deepEqual(await service.built.readSession(), session);
  assert.equal(await service.built.readConfig(), undefined);
});
