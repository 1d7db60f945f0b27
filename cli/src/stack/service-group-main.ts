/**
 * Process entry of a group of services of `jobpipe up` (see `--processes`): `node service-group-main.js
 * <service>…`. Each member reads its settings from this process's environment plus its own entries of
 * JOBPIPE_GROUP_SERVICE_ENV (a JSON object keyed by service name: its health port, the API port, …).
 */
import { SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';
import { ConfigError, runServiceGroup } from '@jobpipe/shared';
import { GROUP_SERVICE_ENV, SERVICE_DEFINITIONS } from './service-definitions.js';

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
if (names.length === 0 || unknown.length > 0) {
  throw new ConfigError(`service group: name services from ${SERVICE_NAMES.join(', ')} (got '${names.join(' ')}')`);
}
const ownEnv = JSON.parse(process.env[GROUP_SERVICE_ENV] ?? '{}') as Partial<Record<ServiceName, Record<string, string>>>;
await runServiceGroup(
  await Promise.all(
    (names as ServiceName[]).map(async (name) => ({
      definition: await SERVICE_DEFINITIONS[name](),
      env: { ...process.env, [GROUP_SERVICE_ENV]: undefined, ...ownEnv[name] },
    })),
  ),
);
