import type { NotificationTarget } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import {
  notificationTargets,
  requestTestNotification,
  saveNotificationTargets,
  storeNotificationSecret,
} from '../../use-cases/notification-targets.js';
import { errorResponses } from '../schemas.js';

/** A target as contracts define it (defs/config.schema.json, notifications.targets); validated there with the whole config. */
const targetSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['name', 'kind'],
  description:
    'NotificationTarget: name, kind (webhook | slack | email), instant, digest, minScore, digestMinScore, maxPerHour, secret, allowPrivateHosts, email {host, port, security, user, from, to} — contracts defs/config.schema.json',
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    kind: { type: 'string', enum: ['webhook', 'slack', 'email'] },
  },
} as const;

const deliverySchema = {
  type: ['object', 'null'],
  description: "the notifier's record of the target's last deliveries (null before the first)",
  required: ['lastDeliveredAt', 'lastFailedAt', 'lastError', 'failuresInRow'],
  properties: {
    lastDeliveredAt: { type: ['string', 'null'] },
    lastFailedAt: { type: ['string', 'null'] },
    lastError: {
      type: ['string', 'null'],
      description: 'why the last failure failed (names the target and host, never the URL or secret)',
    },
    failuresInRow: { type: 'integer' },
    lastTest: {
      type: 'object',
      description: 'the last test notification asked for (POST /notifications/targets/{name}/test), once the notifier tried it',
      required: ['requestId', 'delivered', 'at'],
      properties: {
        requestId: { type: 'string', description: 'the requestId the test request answered' },
        delivered: { type: 'boolean', description: 'false: it failed, and lastError says why' },
        at: { type: 'string' },
      },
    },
  },
} as const;

const targetViewSchema = {
  ...targetSchema,
  required: [...targetSchema.required, 'secretStored', 'delivery'],
  properties: {
    ...targetSchema.properties,
    secretStored: { type: ['boolean', 'null'], description: 'whether the secret store holds its URL or password (null: no secret store)' },
    delivery: deliverySchema,
  },
} as const;

const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: targetSchema.properties.name },
} as const;

/**
 * GET/PUT /notifications/targets (the config's notification targets, versioned like the rest of the
 * config), PUT /notifications/targets/{name}/secret (a target's webhook URL or SMTP password, write-only)
 * and POST /notifications/targets/{name}/test (a test message, sent by the notifier).
 */
export async function notificationRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/notifications/targets',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The notification targets, whether each has its secret stored, and how its last deliveries went',
        response: {
          200: {
            type: 'object',
            required: ['version', 'digestSchedule', 'targets'],
            properties: {
              version: { type: 'integer', description: 'the config version (send it back as expectedVersion)' },
              digestSchedule: { type: ['string', 'null'], description: 'cron of the daily digest, UTC (null: 0 7 * * *)' },
              targets: { type: 'array', items: targetViewSchema },
            },
          },
          ...errorResponses(),
        },
      },
    },
    async () => notificationTargets(context),
  );

  app.put<{ Body: { targets: NotificationTarget[]; digestSchedule?: string; expectedVersion?: number } }>(
    '/notifications/targets',
    {
      schema: {
        tags: ['notifications'],
        summary: "Replace the notification targets (the config's notifications section; emits config.changed). Secrets are set apart.",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['targets'],
          properties: {
            targets: { type: 'array', maxItems: 50, items: targetSchema },
            digestSchedule: { type: 'string', description: 'cron of the daily digest, UTC (default 0 7 * * *)' },
            expectedVersion: { type: 'integer', minimum: 0, description: 'refuse with 409 unless the stored config is at this version' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['version', 'changed'],
            properties: { version: { type: 'integer' }, changed: { type: 'array', items: { type: 'string' } } },
          },
          ...errorResponses(400, 409),
        },
      },
    },
    async (request) => saveNotificationTargets(context, request.body, request.body.expectedVersion),
  );

  app.put<{ Params: { name: string }; Body: { value: string } }>(
    '/notifications/targets/:name/secret',
    {
      schema: {
        tags: ['notifications'],
        summary:
          "Store a target's webhook URL (webhook, slack; checked against private hosts) or SMTP password (email) in the secret store (never shown back, never logged)",
        params: nameParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['value'],
          properties: { value: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['target', 'secretStored'],
            properties: { target: { type: 'string' }, secretStored: { type: 'boolean' } },
          },
          ...errorResponses(400, 404, 503),
        },
      },
    },
    async (request) => storeNotificationSecret(context, request.params.name, request.body.value),
  );

  app.post<{ Params: { name: string } }>(
    '/notifications/targets/:name/test',
    {
      schema: {
        tags: ['notifications'],
        summary:
          "Send a target a test message in its format (emits notification.test-requested); the notifier records the outcome as the target's last outcome, delivery.lastTest naming this requestId",
        params: nameParams,
        response: {
          202: {
            type: 'object',
            required: ['requestId', 'target', 'requestedAt'],
            properties: { requestId: { type: 'string' }, target: { type: 'string' }, requestedAt: { type: 'string' } },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestTestNotification(context, request.params.name)),
  );
}
