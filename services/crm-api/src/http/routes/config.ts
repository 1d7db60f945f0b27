import { CONFIG_SECTIONS, type ConfigSection } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { currentConfig, saveConfig } from '../../use-cases/config.js';
import { errorResponses } from '../schemas.js';

const configDescription =
  'JobpipeConfig: tracks (keywords and weights), searches (per source: keywords, location, schedule), scoring, currencyRates, profile — validated against contracts defs/config.schema.json';

const configResponse = {
  type: 'object',
  required: ['version', 'updatedAt', 'config'],
  properties: {
    version: { type: 'integer', description: '0 before the first save' },
    updatedAt: { type: ['string', 'null'] },
    config: { type: 'object', additionalProperties: true, description: configDescription },
  },
} as const;

const saveResponse = {
  type: 'object',
  required: ['version', 'changed'],
  properties: { version: { type: 'integer' }, changed: { type: 'array', items: { type: 'string', enum: CONFIG_SECTIONS } } },
} as const;

const expectedVersion = {
  type: 'integer',
  minimum: 0,
  description: 'refuse with 409 unless the stored config is at this version',
} as const;

/** GET/PUT the whole config or one section; saving emits `config.changed`. */
export async function configRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/config',
    { schema: { tags: ['config'], summary: 'The current config and its version', response: { 200: configResponse, ...errorResponses() } } },
    async () => currentConfig(context),
  );

  app.put<{ Body: { config: Record<string, unknown>; expectedVersion?: number } }>(
    '/config',
    {
      schema: {
        tags: ['config'],
        summary: 'Replace the whole config (validated; versioned; emits config.changed)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['config'],
          properties: { config: { type: 'object', additionalProperties: true, description: configDescription }, expectedVersion },
        },
        response: { 200: saveResponse, ...errorResponses(400, 409) },
      },
    },
    async (request) => saveConfig(context, request.body.config, request.body.expectedVersion),
  );

  app.get<{ Params: { section: ConfigSection } }>(
    '/config/:section',
    {
      schema: {
        tags: ['config'],
        summary: 'One section of the config',
        params: { type: 'object', required: ['section'], properties: { section: { type: 'string', enum: CONFIG_SECTIONS } } },
        response: {
          200: {
            type: 'object',
            required: ['version', 'section', 'value'],
            properties: { version: { type: 'integer' }, section: { type: 'string' }, value: {} },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const current = await currentConfig(context);
      return { version: current.version, section: request.params.section, value: current.config[request.params.section] ?? null };
    },
  );

  app.put<{ Params: { section: ConfigSection }; Body: { value: unknown; expectedVersion?: number } }>(
    '/config/:section',
    {
      schema: {
        tags: ['config'],
        summary: 'Replace one section of the config (validated as part of the whole config)',
        params: { type: 'object', required: ['section'], properties: { section: { type: 'string', enum: CONFIG_SECTIONS } } },
        body: { type: 'object', additionalProperties: false, required: ['value'], properties: { value: {}, expectedVersion } },
        response: { 200: saveResponse, ...errorResponses(400, 409) },
      },
    },
    async (request) => {
      const current = await currentConfig(context);
      const next = { ...current.config, [request.params.section]: request.body.value };
      return saveConfig(context, next, request.body.expectedVersion);
    },
  );
}
