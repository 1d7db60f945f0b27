import SwaggerParser from '@apidevtools/swagger-parser';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import type { PipelineApi } from './pipeline-api.js';

/** A JSON Schema object (draft-07 compatible, as MCP tools declare them). */
export type JsonSchemaObject = {
  readonly type: 'object';
  readonly properties?: Record<string, unknown>;
  readonly [keyword: string]: unknown;
};

/** What an operation of the API takes and gives, as JSON Schema. */
export interface OperationSchemas {
  /** Path parameters, query parameters and body properties as one object. */
  readonly input: JsonSchemaObject;
  /** The success answer (200 or 201). */
  readonly output: JsonSchemaObject;
  /** Names of the path parameters among the input's properties. */
  readonly pathParameters: readonly string[];
}

type OpenApiSchema = Record<string, unknown>;
interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema: OpenApiSchema; description?: string }[];
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  responses: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }>;
}
/** A dereferenced OpenAPI 3.0 document (only what the MCP server reads). */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
}

/** OpenAPI 3.0 schema objects (`nullable`, …) as plain JSON Schema, without a `$schema` of their own. */
function toJsonSchema(schema: OpenApiSchema): Record<string, unknown> {
  const { $schema: _draft, ...converted } = fromSchema(schema as never, { cloneSchema: true }) as Record<string, unknown>;
  return converted;
}

/** Fetches crm-api's OpenAPI document (`/docs/json`) and resolves every `$ref` in it. */
export async function loadOpenApiDocument(api: PipelineApi): Promise<OpenApiDocument> {
  const response = await api.call({ method: 'GET', path: '/docs/json' });
  if (response.status !== 200) throw new Error(`crm-api's OpenAPI document answered ${response.status}`);
  return (await SwaggerParser.dereference(response.body as never)) as unknown as OpenApiDocument;
}

/** The input and output schemas of one operation of the document, e.g. `GET /jobs/{jobId}`. */
export function operationSchemas(document: OpenApiDocument, method: 'GET' | 'POST', path: string): OperationSchemas {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`crm-api has no operation ${method} ${path}`);
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const pathParameters: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    properties[parameter.name] = toJsonSchema({
      ...parameter.schema,
      ...(parameter.description ? { description: parameter.description } : {}),
    });
    if (parameter.required) required.push(parameter.name);
    if (parameter.in === 'path') pathParameters.push(parameter.name);
  }
  const body = operation.requestBody?.content['application/json']?.schema;
  if (body) {
    const converted = toJsonSchema(body) as { properties?: Record<string, unknown>; required?: string[] };
    Object.assign(properties, converted.properties ?? {});
    required.push(...(converted.required ?? []));
  }
  const success = operation.responses['200'] ?? operation.responses['201'];
  const output = success?.content?.['application/json']?.schema;
  if (!output) throw new Error(`${method} ${path} has no JSON success answer`);
  return {
    input: { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false },
    output: toJsonSchema(output) as JsonSchemaObject,
    pathParameters,
  };
}
