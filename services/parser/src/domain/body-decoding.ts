import { isUtf8 } from 'node:buffer';
import { PostingRejected } from './rejection.js';

/** What kind of document a body is expected to be. */
export type BodyKind = 'json' | 'html';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or `http-equiv`), lower-cased. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

function decodeWith(bytes: Uint8Array, label: string, offset: number): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new PostingRejected('BODY_ENCODING', `body declares charset '${label}', which this parser cannot decode`);
  }
  try {
    return decoder.decode(bytes.subarray(offset));
  } catch {
    throw new PostingRejected('BODY_ENCODING', `body is not valid ${decoder.encoding.toUpperCase()} (undecodable byte sequence)`);
  }
}

/**
 * Turns raw bytes into text: refuses empty and oversized bodies, honours a byte-order mark, a page's
 * declared charset (HTML) and otherwise insists on valid UTF-8 (JSON is UTF-8 by RFC 8259).
 */
export function decodeBody(bytes: Uint8Array, kind: BodyKind | 'auto', maxBytes: number): string {
  if (bytes.byteLength === 0) throw new PostingRejected('BODY_EMPTY', 'body is empty (0 bytes)');
  if (bytes.byteLength > maxBytes) {
    throw new PostingRejected('BODY_TOO_LARGE', `body is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit`);
  }
  if (startsWith(bytes, UTF8_BOM)) return decodeWith(bytes, 'utf-8', 3);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeWith(bytes, 'utf-16le', 2);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeWith(bytes, 'utf-16be', 2);
  const charset = kind === 'json' ? undefined : declaredHtmlCharset(bytes);
  let text: string;
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') {
    // Node's native UTF-8 check and decode are several times faster than a fatal TextDecoder.
    if (!isUtf8(bytes)) throw new PostingRejected('BODY_ENCODING', 'body is not valid UTF-8 (undecodable byte sequence)');
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } else {
    text = decodeWith(bytes, charset, 0);
  }
  if (text.includes('\u0000')) throw new PostingRejected('BODY_ENCODING', 'body holds NUL characters: binary data, not text');
  return text;
}
