import { createServer, type Server } from 'node:http';
import type { ServiceMetrics } from './metrics.js';

/** Serves `/health` (JSON from `status()`) and `/metrics` (Prometheus text) for one service process. */
export function startHealthServer(options: {
  port: number;
  host?: string;
  metrics: ServiceMetrics;
  status: () => Record<string, unknown>;
}): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/health') {
      const body = JSON.stringify({ status: 'ok', ...options.status() });
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'not_found', message: 'try /health or /metrics' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
