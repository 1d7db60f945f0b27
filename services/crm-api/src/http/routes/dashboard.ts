import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assetFolders } from '../asset-folders.js';

const { dashboard: dashboardDir, chartJs: chartJsDir } = assetFolders();

/** A page script may only talk to this API; nothing inline, nothing from elsewhere. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS = {
  '/dashboard': {
    file: join(dashboardDir, 'index.html'),
    type: 'text/html; charset=utf-8',
    summary: 'The dashboard page (public; it calls the API with your key)',
  },
  '/dashboard/app.js': { file: join(dashboardDir, 'app.js'), type: 'text/javascript; charset=utf-8', summary: 'The dashboard script' },
  '/dashboard/style.css': { file: join(dashboardDir, 'style.css'), type: 'text/css; charset=utf-8', summary: 'The dashboard style sheet' },
  '/dashboard/chart.umd.min.js': {
    file: join(chartJsDir, 'chart.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
    summary: 'Chart.js (UMD build)',
  },
} as const;

/** The dashboard page and its assets, served from memory without an API key. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  for (const [url, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(asset.file);
    app.get(
      url,
      {
        config: { public: true, rateLimit: false },
        schema: {
          tags: ['dashboard'],
          summary: asset.summary,
          security: [],
          produces: [asset.type.split(';')[0]!],
          response: { 200: { type: 'string' } },
        },
      },
      async (_request, reply) =>
        reply
          .type(asset.type)
          .header('content-security-policy', CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer')
          .header('cache-control', 'no-cache')
          .send(body),
    );
  }
}
