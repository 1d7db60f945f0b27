import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyRecord, ApiKeyVerifier } from '../adapters/api-keys.js';
import { ApiError } from '../use-cases/api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified API key of the caller (undefined on public routes). */
    apiKey?: ApiKeyRecord;
  }
  interface FastifyContextConfig {
    /** Served without an API key (/health, /docs, the dashboard page). */
    public?: boolean;
    /** Open to read-only keys whatever the method: the route checks the key's scope itself (/mcp). */
    scopeCheckedByRoute?: boolean;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header.trim();
  const authorization = request.headers.authorization;
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return bearer?.[1];
}

/**
 * Requires an API key on every route not marked public: 401 when it is missing or unknown, 403 when
 * it was revoked or is read-only and the request changes something.
 */
export function installApiKeyAuth(app: FastifyInstance, verifier: ApiKeyVerifier): void {
  app.addHook('onRequest', async (request) => {
    // Unknown routes answer 404 whoever asks; public routes need no key.
    if (request.routeOptions.url === undefined || request.routeOptions.config?.public) return;
    const key = presentedKey(request);
    if (!key) {
      throw new ApiError(
        401,
        'missing_api_key',
        'this route needs an API key: send it as "X-API-Key: <key>" or "Authorization: Bearer <key>" (create one with `jobpipe apikey create`)',
      );
    }
    const check = await verifier.check(key);
    if (!check.ok) {
      if (check.reason === 'revoked')
        throw new ApiError(403, 'api_key_revoked', 'this API key was revoked; create a new one with `jobpipe apikey create`');
      throw new ApiError(401, 'invalid_api_key', 'the API key is not valid (check it was copied whole; keys look like jp_<id>_<secret>)');
    }
    if (check.record.scope === 'read' && !READ_METHODS.has(request.method) && !request.routeOptions.config?.scopeCheckedByRoute) {
      throw new ApiError(
        403,
        'read_only_api_key',
        `the API key '${check.record.name}' is read-only; ${request.method} needs a key created without --read-only`,
      );
    }
    request.apiKey = check.record;
  });
}
