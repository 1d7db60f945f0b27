import type { FastifyInstance } from 'fastify';
import { ApiError } from '../use-cases/api-error.js';

type Part = 'querystring' | 'params';

function nonFiniteFields(part: Part, values: unknown): { path: string; message: string }[] {
  if (typeof values !== 'object' || values === null) return [];
  return Object.entries(values).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'number' && !Number.isFinite(item))
      ? [{ path: `${part}/${name}`, message: 'must be a finite number' }]
      : [],
  );
}

/**
 * Refuses query and path numbers that coerced to Infinity. Ajv turns the text `1e309` into Infinity
 * and then skips `integer`, `minimum` and `maximum` for it (range keywords check finite numbers only),
 * so without this `?limit=1e309` reached the handlers. Answers like any validation failure.
 */
export function installFiniteNumberCheck(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const details = [...nonFiniteFields('querystring', request.query), ...nonFiniteFields('params', request.params)];
    if (details.length === 0) return;
    throw new ApiError(400, 'validation_failed', details.map((issue) => `${issue.path}: ${issue.message}`).join('; '), details);
  });
}
