import { createApiKey } from '@jobpipe/crm-api';
import { type RuntimePorts, systemClock } from '@jobpipe/shared';

/** Secret-store name of the key the CLI itself uses to call crm-api (embedded and on AWS alike). */
const STACK_API_KEY_SECRET = 'cli/local-api-key';

/**
 * The API key of this installation's own tools (`jobpipe up`, `jobpipe schedule`, the bootstrap's
 * summary): created once with write scope, kept in the secret store, the same key on every later call.
 */
export async function stackApiKey(ports: Pick<RuntimePorts, 'secrets' | 'tables'>, name: string): Promise<string> {
  const secrets = ports.secrets();
  const stored = await secrets.get(STACK_API_KEY_SECRET);
  if (stored) return stored;
  const created = await createApiKey(ports.tables, systemClock, { name, scope: 'write' });
  await secrets.put(STACK_API_KEY_SECRET, created.key);
  return created.key;
}
