import type { PipelineApi, PipelineRequest, PipelineResponse } from '@jobpipe/mcp';
import type { FastifyInstance } from 'fastify';

/**
 * crm-api's own routes called in-process (Fastify inject) with the MCP caller's credentials: the same
 * auth, scope checks, validation and rate limit as over the network.
 */
export class InjectedPipelineApi implements PipelineApi {
  constructor(
    private readonly app: FastifyInstance,
    private readonly credentials: Readonly<Record<string, string>>,
  ) {}

  async call(request: PipelineRequest): Promise<PipelineResponse> {
    const response = await this.app.inject({
      method: request.method,
      url: request.path,
      headers: { ...this.credentials, 'x-jobpipe-proposer': 'assistant' },
      ...(request.body === undefined ? {} : { payload: request.body as object }),
    });
    return { status: response.statusCode, body: response.body ? (JSON.parse(response.body) as unknown) : undefined };
  }
}
