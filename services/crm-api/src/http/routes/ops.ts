import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { CrmApiContext } from '../../context.js';
import { apiHealth } from '../../use-cases/health.js';
import { errorResponses } from '../schemas.js';

/** GET /health (public) and GET /metrics (Prometheus text: HTTP requests by route and status, process metrics). */
export async function opsRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'crm-api' });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'jobpipe_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'jobpipe_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    seconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get(
    '/health',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['ops'],
        summary: 'Liveness and what the API holds (no API key needed)',
        security: [],
        response: {
          200: {
            type: 'object',
            required: ['status', 'jobs', 'analytics', 'liveStreams'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              jobs: { type: 'integer', description: 'jobs in the read model' },
              analytics: { type: 'boolean', description: 'an analytics snapshot is loaded' },
              liveStreams: { type: 'integer' },
            },
          },
        },
      },
    },
    async () => apiHealth(context),
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics',
        produces: ['text/plain'],
        response: { 200: { type: 'string' }, ...errorResponses() },
      },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}
