import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../use-cases/api-error.js';
import { assetFolders } from '../asset-folders.js';
import { errorResponses } from '../schemas.js';

/** The page talks only to this API; evidence screenshots are shown from blob: URLs it fetched with the key. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS = {
  '/app': { file: 'index.html', type: 'text/html; charset=utf-8', summary: 'The cockpit (public; it calls the API with your key)' },
  '/app/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8', summary: 'The cockpit script' },
  '/app/app.css': { file: 'app.css', type: 'text/css; charset=utf-8', summary: 'The cockpit style sheet' },
} as const;

/**
 * The cockpit page and its bundle, served without an API key. The files are read on first request
 * (and kept), so a crm-api started before `npm run build` serves the cockpit once it is built.
 */
export async function cockpitRoutes(app: FastifyInstance): Promise<void> {
  const folder = assetFolders().cockpit;
  const loaded = new Map<string, Buffer>();
  const load = async (file: string): Promise<Buffer> => {
    const cached = loaded.get(file);
    if (cached) return cached;
    try {
      const body = await readFile(join(folder, file));
      loaded.set(file, body);
      return body;
    } catch {
      throw new ApiError(503, 'cockpit_not_built', `the cockpit is not built (no ${file} in ${folder}): run \`npm run build\``);
    }
  };
  for (const [url, asset] of Object.entries(ASSETS)) {
    app.get(
      url,
      {
        config: { public: true, rateLimit: false },
        schema: {
          tags: ['dashboard'],
          summary: asset.summary,
          security: [],
          produces: [asset.type.split(';')[0]!],
          response: { 200: { type: 'string' }, ...errorResponses(503) },
        },
      },
      async (_request, reply) =>
        reply
          .type(asset.type)
          .header('content-security-policy', CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer')
          .header('cache-control', 'no-cache')
          .send(await load(asset.file)),
    );
  }
}
