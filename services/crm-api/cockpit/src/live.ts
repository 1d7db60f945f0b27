/** A message of crm-api's live stream (`GET /live`). */
export interface LiveMessage {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Whether the stream is up. */
export type LiveState = 'connecting' | 'open' | 'closed';

const RETRY_MS = [1000, 2000, 5000, 10_000];

/**
 * Follows the live stream with the key in a header (EventSource cannot send one), reconnecting
 * with growing pauses. Returns the function that stops it.
 */
export function followLive(key: string, onMessage: (message: LiveMessage) => void, onState: (state: LiveState) => void): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let attempt = 0;
  const connect = async () => {
    onState('connecting');
    controller = new AbortController();
    try {
      const response = await fetch('/live?minScore=0', {
        headers: { 'X-API-Key': key, Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
      onState('open');
      attempt = 0;
      await readEvents(response.body, onMessage);
    } catch {
      // Closed, refused or cut: reconnect below unless stopped.
    }
    if (stopped) return;
    onState('closed');
    setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
  };
  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

/** Reads Server-Sent Events (`event:` and `data:` lines, a blank line ends one) until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onMessage: (message: LiveMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = parseEvent(block);
      if (message) onMessage(message);
      end = buffer.indexOf('\n\n');
    }
  }
}

function parseEvent(block: string): LiveMessage | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return undefined;
  try {
    return { event, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
