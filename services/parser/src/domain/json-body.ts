import { PostingRejected } from './rejection.js';

/** Where V8 says a JSON parse failed, or undefined when the message names no position. */
function failurePosition(reason: string): number | undefined {
  const match = /at position (\d+)/.exec(reason);
  return match ? Number(match[1]) : undefined;
}

/** Parses a JSON body, telling a truncated document (fails at its very end) apart from one that is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = failurePosition(reason);
    const end = text.trimEnd().length;
    if (/end of JSON input|Unterminated string/i.test(reason) || (position !== undefined && position >= end)) {
      throw new PostingRejected('JSON_TRUNCATED', `body is truncated JSON (${text.length} chars; the document never closes)`);
    }
    throw new PostingRejected('JSON_INVALID', `body is not valid JSON: ${reason.slice(0, 200)}`);
  }
}
