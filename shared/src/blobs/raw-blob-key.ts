import { isScrapeSource, type RawContentType, type ScrapeSource } from '@jobpipe/contracts';
import { PermanentError } from '../errors.js';

/**
 * The blob key of a raw body, `raw/<source>/<externalId>/<sha256>.<json|html|xml>`: written by the scraper,
 * carried by job.scraped (claim check), read back by the parser and by `jobpipe reparse`. An external id
 * may hold `/` (a board and a posting), never an empty, `.` or `..` segment, a backslash or a control
 * character, so a key can never leave the `raw/` folder of a blob store.
 */
export interface RawBlobKey {
  readonly source: ScrapeSource;
  readonly externalId: string;
  /** Hex SHA-256 of the content. */
  readonly contentHash: string;
  readonly contentType: RawContentType;
}

/** A raw blob key, or a part of one, that is malformed or could escape its folder: never retried. */
export class RawBlobKeyError extends PermanentError {
  constructor(message: string) {
    super('RAW_BLOB_KEY_INVALID', message);
  }
}

const EXTENSIONS: Readonly<Record<RawContentType, string>> = { 'application/json': 'json', 'text/html': 'html', 'application/xml': 'xml' };
const CONTENT_TYPES: Readonly<Record<string, RawContentType>> = { json: 'application/json', html: 'text/html', xml: 'application/xml' };
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UNSAFE_CHARACTERS = /[\\\p{Cc}]/u;

/** Why an external id cannot be a key part, or undefined when it can. */
function externalIdProblem(externalId: string): string | undefined {
  if (UNSAFE_CHARACTERS.test(externalId)) return 'holds a backslash or a control character';
  const segments = externalId.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return "has an empty, '.' or '..' segment";
  return undefined;
}

/** The prefix every raw body of a source (or of every source) is stored under. */
export function rawBlobPrefix(source?: ScrapeSource): string {
  return source === undefined ? 'raw/' : `raw/${source}/`;
}

/** Builds the key of a raw body; throws {@link RawBlobKeyError} on a part that is not safe in a key. */
export function rawBlobKey(parts: RawBlobKey): string {
  const problem = externalIdProblem(parts.externalId);
  if (problem) throw new RawBlobKeyError(`external id '${parts.externalId}' ${problem}`);
  if (!SHA256_HEX.test(parts.contentHash)) throw new RawBlobKeyError(`content hash '${parts.contentHash}' is not a hex SHA-256`);
  return `${rawBlobPrefix(parts.source)}${parts.externalId}/${parts.contentHash}.${EXTENSIONS[parts.contentType]}`;
}

/** Reads a raw body's key back into its parts; throws {@link RawBlobKeyError} naming what is wrong. */
export function parseRawBlobKey(key: string): RawBlobKey {
  const refuse = (why: string) =>
    new RawBlobKeyError(`raw blob key '${key}' ${why} (expected raw/<source>/<externalId>/<sha256>.<json|html|xml>)`);
  const segments = key.split('/');
  const [root, source] = segments;
  if (root !== 'raw' || segments.length < 4) throw refuse('is not a raw body key');
  if (!isScrapeSource(source)) throw refuse(`names no known source '${source}'`);
  const file = /^([0-9a-f]{64})\.(json|html|xml)$/.exec(segments[segments.length - 1]!);
  if (!file) throw refuse('does not end in <sha256>.json, <sha256>.html or <sha256>.xml');
  const externalId = segments.slice(2, -1).join('/');
  const problem = externalIdProblem(externalId);
  if (problem) throw refuse(`has an external id that ${problem}`);
  return { source, externalId, contentHash: file[1]!, contentType: CONTENT_TYPES[file[2]!]! };
}
