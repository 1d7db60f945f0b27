import { hash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { type Clock, collect, type ServiceTables, type WriteCondition } from '@jobpipe/shared';

const scrypt = promisify(scryptCallback) as (password: string, salt: string, keylen: number, options: object) => Promise<Buffer>;

/** What an API key may do: read only, or read and change. */
export type ApiKeyScope = 'read' | 'write';

/** An API key as stored in the `apiKeys` table: never the key itself, only its scrypt hash. */
export interface ApiKeyRecord {
  readonly keyHash: string;
  readonly keyId: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** When the key last opened a request (recorded at most once a minute); absent: never used. */
  readonly lastUsedAt?: string;
  /** Writes after creation (absent: none); every write checks and raises it. */
  readonly revision?: number;
}

/** A freshly created key: the secret is shown to the user once and never stored. */
export interface CreatedApiKey {
  readonly key: string;
  readonly record: ApiKeyRecord;
}

/** Result of checking a presented key. */
export type KeyCheck =
  | { readonly ok: true; readonly record: ApiKeyRecord }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown' | 'revoked' };

// scrypt cost: ~50 ms per check on this class of machine; verified keys are then cached briefly.
const SCRYPT_OPTIONS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_PATTERN = /^jp_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomKeyId(): string {
  return Array.from(randomBytes(12), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/**
 * The at-rest hash of a key: scrypt with the key's own random id as salt. Deterministic for a given
 * key, so the table can be keyed by it, yet salted per key and slow to brute-force.
 */
export async function hashApiKey(key: string): Promise<string | undefined> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const derived = await scrypt(key, `jobpipe-api-key:${match[1]}`, 32, SCRYPT_OPTIONS);
  return derived.toString('hex');
}

/** Creates a key, stores its hash, and returns the key (to be printed once). */
export async function createApiKey(
  tables: ServiceTables<'crm-api'>,
  clock: Clock,
  options: { name: string; scope?: ApiKeyScope },
): Promise<CreatedApiKey> {
  const key = `jp_${randomKeyId()}_${randomBytes(32).toString('base64url')}`;
  const keyHash = (await hashApiKey(key))!;
  const record: ApiKeyRecord = {
    keyHash,
    keyId: KEY_PATTERN.exec(key)![1]!,
    name: options.name,
    scope: options.scope ?? 'write',
    createdAt: clock.now().toISOString(),
    revokedAt: null,
  };
  await tables.put('apiKeys', { ...record }, { kind: 'notExists' });
  return { key, record };
}

/** Every stored key (hashes and names only). */
export function listApiKeys(tables: ServiceTables<'crm-api'>): Promise<ApiKeyRecord[]> {
  return collect(tables.scanAll('apiKeys'));
}

/**
 * The record as written next, with the condition "nobody wrote it since it was read as `record`": a
 * use recorded at the moment of a revocation cannot write the revocation away (nor the other way round).
 */
function nextRevision(record: ApiKeyRecord, changes: Partial<ApiKeyRecord>): [ApiKeyRecord, WriteCondition] {
  const condition: WriteCondition = record.revision
    ? { kind: 'compare', attribute: 'revision', op: 'eq', value: record.revision, orNotExists: false }
    : // A compare no stored revision matches, passing only while the record has none.
      { kind: 'compare', attribute: 'revision', op: 'eq', value: 0, orNotExists: true };
  return [{ ...record, ...changes, revision: (record.revision ?? 0) + 1 }, condition];
}

/** Revokes the key with this id; returns the revoked record, or undefined when no such key exists. */
export async function revokeApiKey(tables: ServiceTables<'crm-api'>, clock: Clock, keyId: string): Promise<ApiKeyRecord | undefined> {
  for (;;) {
    const record = (await listApiKeys(tables)).find((candidate) => candidate.keyId === keyId);
    if (!record) return undefined;
    if (record.revokedAt) return record;
    const [revoked, unchanged] = nextRevision(record, { revokedAt: clock.now().toISOString() });
    if (await tables.put('apiKeys', { ...revoked }, unchanged)) return revoked;
  }
}

/** How stale `lastUsedAt` may get: a key in steady use costs one write a minute, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Records that a key was just used, unless that was already recorded within the last minute. A record
 * changed meanwhile (revoked, or used through another instance) is left as it is.
 */
export async function recordApiKeyUse(tables: ServiceTables<'crm-api'>, record: ApiKeyRecord, now: Date): Promise<void> {
  if (record.lastUsedAt && now.getTime() - Date.parse(record.lastUsedAt) < LAST_USED_RESOLUTION_MS) return;
  const [used, unchanged] = nextRevision(record, { lastUsedAt: now.toISOString() });
  await tables.put('apiKeys', { ...used }, unchanged);
}

/**
 * Checks presented keys against the `apiKeys` table. A verified key is remembered (by a SHA-256 of
 * the key, in memory) for `cacheMs`, so a busy client pays the scrypt cost once a minute, not per
 * request; unknown keys are never cached, so guessing stays slow.
 */
export class ApiKeyVerifier {
  private readonly verified = new Map<string, { record: ApiKeyRecord; until: number }>();

  constructor(
    private readonly tables: ServiceTables<'crm-api'>,
    private readonly cacheMs = 60_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async check(key: string): Promise<KeyCheck> {
    const cacheKey = hash('sha256', key, 'base64');
    const cached = this.verified.get(cacheKey);
    if (cached && cached.until > Date.now()) return { ok: true, record: cached.record };
    const keyHash = await hashApiKey(key);
    if (!keyHash) return { ok: false, reason: 'malformed' };
    const record = await this.tables.get('apiKeys', { keyHash });
    if (!record || !timingSafeEqual(Buffer.from(record.keyHash, 'hex'), Buffer.from(keyHash, 'hex')))
      return { ok: false, reason: 'unknown' };
    if (record.revokedAt) return { ok: false, reason: 'revoked' };
    // Checked with scrypt at most once a minute per key (then cached), so this is the key's use to record.
    await recordApiKeyUse(this.tables, record, this.now());
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(cacheKey, { record, until: Date.now() + this.cacheMs });
    return { ok: true, record };
  }

  /** Forgets cached verifications (after a revocation). */
  forget(): void {
    this.verified.clear();
  }
}
