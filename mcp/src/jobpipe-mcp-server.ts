import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { loadOpenApiDocument } from './openapi-operations.js';
import type { PipelineApi } from './pipeline-api.js';
import { PIPELINE_RESOURCES, readResource } from './resources.js';
import { callTool } from './tool-call.js';
import { type PipelineTool, pipelineTools } from './tool-catalogue.js';

/** Who the MCP server speaks for. */
export interface McpCaller {
  /** A read-only API key: the proposing tools are not offered. */
  readonly readOnly: boolean;
}

const INSTRUCTIONS =
  "jobpipe tracks the user's job search. Scores and reasons are the user's own (their tracks and a model of their decisions). " +
  'You can read everything; changes (notes, stage moves, applications) are proposals the user accepts or rejects.';

/** Loads the tools once from crm-api's OpenAPI document; servers for each caller are made from them. */
export async function loadPipelineTools(api: PipelineApi): Promise<PipelineTool[]> {
  return pipelineTools(await loadOpenApiDocument(api));
}

/** An MCP server over the caller's view of crm-api: tools, and the tracks and profile as resources. */
export function createJobpipeMcpServer(tools: readonly PipelineTool[], api: PipelineApi, caller: McpCaller): Server {
  const offered = tools.filter((tool) => !(caller.readOnly && tool.proposes));
  const server = new Server(
    { name: 'jobpipe', version: '0.1.0' },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: offered.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: { readOnlyHint: !tool.proposes, destructiveHint: false, idempotentHint: !tool.proposes, openWorldHint: false },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = offered.find((candidate) => candidate.name === request.params.name);
    if (!tool) {
      const known = offered.map((candidate) => candidate.name).join(', ');
      return { isError: true, content: [{ type: 'text', text: `unknown tool '${request.params.name}' (tools: ${known})` }] };
    }
    const outcome = await callTool(api, tool, request.params.arguments ?? {});
    return {
      isError: outcome.isError,
      content: [{ type: 'text', text: outcome.text }],
      ...(outcome.structured ? { structuredContent: outcome.structured } : {}),
    };
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [...PIPELINE_RESOURCES] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => readResource(api, request.params.uri));
  return server;
}
