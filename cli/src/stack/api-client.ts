import { request as httpRequest } from 'node:http';

/** A response read whole: status and body text. */
interface TextResponse {
  readonly status: number;
  readonly text: string;
}

/**
 * One HTTP request over node:http, body read whole. The supervisor stays up as long as the stack, and
 * node's `fetch` (undici) would cost it about 20 MB of resident memory on first use; node:http is already loaded.
 */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<TextResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A small client of the crm-api for the CLI (the same HTTP API users call). */
export class CrmApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Waits until `/health` answers, or throws after `timeoutMs`. */
  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError = 'no answer';
    while (Date.now() < deadline) {
      try {
        const response = await send(`${this.baseUrl}/health`, 'GET', {});
        if (response.status >= 200 && response.status < 300) return;
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        lastError = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`crm-api at ${this.baseUrl} did not become healthy within ${timeoutMs / 1000} s (${lastError})`);
  }

  /** Calls the API with the stack's key; returns the parsed JSON body, or throws with the status and message. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(`${this.baseUrl}${path}`, method, headers, body === undefined ? undefined : JSON.stringify(body));
    if (response.status < 200 || response.status >= 300)
      throw new Error(`${method} ${path} → ${response.status}: ${response.text.slice(0, 300)}`);
    return (response.text ? JSON.parse(response.text) : undefined) as T;
  }
}
