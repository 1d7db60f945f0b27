import type { PipelineApi, PipelineRequest, PipelineResponse } from './pipeline-api.js';

/** crm-api over HTTP with an API key (`jobpipe mcp`); proposals are marked as the assistant's. */
export class HttpPipelineApi implements PipelineApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async call(request: PipelineRequest): Promise<PipelineResponse> {
    const response = await fetch(new URL(request.path, this.baseUrl), {
      method: request.method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        'x-jobpipe-proposer': 'assistant',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}
