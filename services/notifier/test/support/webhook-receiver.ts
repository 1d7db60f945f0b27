import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver took. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** A local HTTP server standing in for webhook endpoints: records every POST and answers as told. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly received: ReceivedWebhook[];
  /** Requests to a path, in arrival order. */
  at(path: string): ReceivedWebhook[];
  /** The statuses the next requests get (then 200 again), e.g. `[503]` for one failure. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/** Starts a webhook receiver on a free port of 127.0.0.1. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures.shift();
      if (status !== undefined) {
        response.writeHead(status, { 'content-type': 'text/plain' }).end('failing on purpose');
        return;
      }
      received.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  // Idle connections stay open for the test's length: with node's 5 s default the receiver could close a
  // kept-alive connection just as the notifier reused it (ECONNRESET on a loaded machine), which no
  // receiver a test stands for does mid-conversation.
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    at: (path) => received.filter((request) => request.path === path),
    failNext: (...statuses) => void failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
