/** One call of the crm-api HTTP API. */
export interface PipelineRequest {
  readonly method: 'GET' | 'POST';
  /** A path with its query string, e.g. `/jobs?limit=5`. */
  readonly path: string;
  readonly body?: unknown;
}

/** crm-api's answer: the status and the parsed JSON body. */
export interface PipelineResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The port the MCP server works through: crm-api's own HTTP API, with the caller's API key, so the
 * assistant sees exactly what the user's key may see and every rule of the API holds. Over the network
 * for `jobpipe mcp` (stdio), in-process (Fastify inject) for crm-api's `/mcp`.
 */
export interface PipelineApi {
  call(request: PipelineRequest): Promise<PipelineResponse>;
}
