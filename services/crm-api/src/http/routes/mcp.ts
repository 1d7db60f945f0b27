import type { PipelineTool } from '@jobpipe/mcp';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InjectedPipelineApi } from '../injected-pipeline-api.js';

/** The caller's own key, passed on to every API call the MCP server makes for it. */
function credentialsOf(request: FastifyRequest): Record<string, string> {
  const { authorization } = request.headers;
  const apiKey = request.headers['x-api-key'];
  return {
    ...(typeof authorization === 'string' ? { authorization } : {}),
    ...(typeof apiKey === 'string' ? { 'x-api-key': apiKey } : {}),
  };
}

/**
 * `/mcp`: the jobpipe MCP server over Streamable HTTP, stateless (one server per request), with the same
 * API keys as the rest of the API; read-only keys get the read-only tools.
 */
export async function mcpRoutes(app: FastifyInstance): Promise<void> {
  let tools: Promise<PipelineTool[]> | undefined;
  app.post('/mcp', { schema: { hide: true }, config: { scopeCheckedByRoute: true } }, async (request, reply) => {
    // Loaded with the first MCP request: a crm-api nobody's assistant talks to never holds the SDK in memory.
    const { createJobpipeMcpServer, loadPipelineTools } = await import('@jobpipe/mcp');
    const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
    const api = new InjectedPipelineApi(app, credentialsOf(request));
    tools ??= loadPipelineTools(api).catch((error: unknown) => {
      tools = undefined;
      throw error;
    });
    const server = createJobpipeMcpServer(await tools, api, { readOnly: request.apiKey?.scope === 'read' });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.once('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
  app.get('/mcp', { schema: { hide: true } }, async (_request, reply) =>
    reply.code(405).header('allow', 'POST').send({
      error: 'method_not_allowed',
      message: 'this MCP endpoint is stateless: send JSON-RPC requests with POST (no server-sent stream to open)',
      details: null,
    }),
  );
}
