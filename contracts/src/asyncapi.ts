import { relative } from 'node:path';
import { eventSchemaFiles, SCHEMAS_DIR } from './schema-files.js';
import { EVENT_BUS_NAME, PRODUCERS, QUEUES } from './topology.js';

/** Builds the AsyncAPI 3 document of jobpipe from the topology and the schema files. */
export function buildAsyncApiDocument(version: string): Record<string, unknown> {
  const schemas = eventSchemaFiles();
  const latest = new Map(schemas.map((file) => [file.detailType, file]));
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [detailType, file] of latest) {
    const id = detailType.replace(/[.-]/g, '_');
    messages[id] = {
      name: detailType,
      title: detailType,
      summary: String(file.schema.description ?? ''),
      contentType: 'application/json',
      payload: {
        schemaFormat: 'application/schema+json;version=draft-2020-12',
        schema: { $ref: `./schemas/${relative(SCHEMAS_DIR, file.path)}` },
      },
    };
    channels[id] = { address: detailType, messages: { [id]: { $ref: `#/components/messages/${id}` } } };
  }
  const operations: Record<string, unknown> = {};
  for (const [producer, types] of Object.entries(PRODUCERS)) {
    for (const type of types) {
      const id = type.replace(/[.-]/g, '_');
      operations[`${producer}_sends_${id}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${producer} publishes ${type}`,
      };
    }
  }
  for (const queue of QUEUES) {
    for (const type of queue.subscriptions) {
      const id = type.replace(/[.-]/g, '_');
      operations[`${queue.consumer}_receives_${id}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `${queue.consumer} consumes ${type} from queue '${queue.name}' (visibility ${queue.visibilityTimeoutSeconds}s, ${queue.maxReceiveCount} receives, then ${queue.name}-dlq)`,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'jobpipe events',
      version,
      description: `Events on the '${EVENT_BUS_NAME}' EventBridge bus. Each event's detail is { meta, data }; schemas per major version.`,
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
