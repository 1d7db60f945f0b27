import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../use-cases/api-error.js';

type Part = 'querystring' | 'params';
interface Issue {
  readonly path: string;
  readonly message: string;
}
interface ParameterSchema {
  readonly type?: string | readonly string[];
  readonly items?: ParameterSchema;
  readonly properties?: Readonly<Record<string, ParameterSchema>>;
}

const NUMERIC = new Set(['number', 'integer']);

function isNumeric(schema: ParameterSchema | undefined): boolean {
  const types = schema?.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  return types.some((type) => NUMERIC.has(type)) || (types.includes('array') && isNumeric(schema?.items));
}

const numericNamesBySchema = new WeakMap<object, readonly string[]>();

/** The parameters a route's query or path schema declares as numbers (or arrays of numbers), read once per schema. */
function numericParameters(schema: unknown): readonly string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  let names = numericNamesBySchema.get(schema);
  if (!names) {
    names = Object.entries((schema as ParameterSchema).properties ?? {})
      .filter(([, property]) => isNumeric(property))
      .map(([name]) => name);
    numericNamesBySchema.set(schema, names);
  }
  return names;
}

function blankNumbers(request: FastifyRequest, part: Part): Issue[] {
  const values = (part === 'querystring' ? request.query : request.params) as Record<string, unknown> | undefined;
  if (typeof values !== 'object' || values === null) return [];
  return numericParameters(request.routeOptions.schema?.[part]).flatMap((name) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    const blank = (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && item.trim() === '');
    return blank ? [{ path: `${part}/${name}`, message: 'must be a number, not blank' }] : [];
  });
}

function nonFiniteNumbers(part: Part, values: unknown): Issue[] {
  if (typeof values !== 'object' || values === null) return [];
  return Object.entries(values).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'number' && !Number.isFinite(item))
      ? [{ path: `${part}/${name}`, message: 'must be a finite number' }]
      : [],
  );
}

function refuse(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new ApiError(400, 'validation_failed', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
}

/**
 * Refuses query and path numbers that the schema validation's type coercion (Ajv `coerceTypes`) would
 * read as something the caller did not write, on every route that declares a number or integer there:
 * - blank text (`?minScore=%20`): coerced to 0, so `GET /live?minScore=%20` opened a stream of every
 *   job and `GET /jobs?limit=%20` asked for a page of 0 (refused before validation, while the text is
 *   still text);
 * - text too large to be finite (`?limit=1e309`): coerced to Infinity, for which Ajv skips `integer`,
 *   `minimum` and `maximum` (range keywords check finite numbers only; refused after validation).
 * Both answer like any validation failure: 400 `validation_failed`, the message naming the parameter.
 */
export function installNumberParameterChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuse([...blankNumbers(request, 'querystring'), ...blankNumbers(request, 'params')]);
  });
  app.addHook('preHandler', async (request) => {
    refuse([...nonFiniteNumbers('querystring', request.query), ...nonFiniteNumbers('params', request.params)]);
  });
}
