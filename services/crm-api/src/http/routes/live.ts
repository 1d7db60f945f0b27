import type { FastifyInstance } from 'fastify';
import type { LiveMessage } from '../../adapters/live-feed.js';
import type { CrmApiContext } from '../../context.js';
import { currentConfig } from '../../use-cases/config.js';
import { errorResponses } from '../schemas.js';

/** Threshold of live job notifications when neither the request nor the config sets one. */
const DEFAULT_NOTIFY_THRESHOLD = 70;
const HEARTBEAT_MS = 15_000;

/** GET /live: Server-Sent Events of newly scored jobs above the threshold and of application results. */
export async function liveRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const open = new Set<() => void>();
  // Before the server stops accepting: end open streams, or close() would wait for them forever.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get<{ Querystring: { minScore?: number } }>(
    '/live',
    {
      schema: {
        tags: ['live'],
        summary:
          'Live stream (text/event-stream): job.scored above the threshold, job.closed (flagged when the job is in an active stage), job.reopened, job.flagged, crm.stage-changed, application.*, session.refreshed, analytics.updated',
        description: 'minScore defaults to the config scoring.notifyThreshold (70 when unset).',
        produces: ['text/event-stream'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { minScore: { type: 'number', minimum: 0, maximum: 100 } },
        },
        response: { 200: { type: 'string', description: 'event stream' }, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const threshold =
        request.query.minScore ?? (await currentConfig(context)).config.scoring?.notifyThreshold ?? DEFAULT_NOTIFY_THRESHOLD;
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write(`: connected; jobs scored ${threshold} or more\n\n`);
      let sequence = 0;
      const send = (message: LiveMessage) => {
        if (message.event === 'job.scored' && (message.score ?? 0) < threshold) return;
        response.write(`id: ${++sequence}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
      };
      const unsubscribe = context.live.subscribe(send);
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        response.end();
      };
      open.add(end);
      request.raw.once('close', end);
    },
  );
}
