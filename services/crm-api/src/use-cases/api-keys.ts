import { type ApiKeyRecord, type ApiKeyScope, createApiKey, listApiKeys, revokeApiKey } from '../adapters/api-keys.js';
import type { CrmApiContext } from '../context.js';
import { ApiError } from './api-error.js';

/** A key as the API lists it: who uses it and when, never the key or its hash. */
export interface ApiKeyView {
  readonly keyId: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** Names of keys as a person types them: visible characters and spaces, at most 200. */
const KEY_NAME = /^[^\p{Cc}]{1,200}$/u;

function viewOf(record: ApiKeyRecord): ApiKeyView {
  return {
    keyId: record.keyId,
    name: record.name,
    scope: record.scope,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt ?? null,
    revokedAt: record.revokedAt,
  };
}

/** Every key, oldest first, active ones before revoked ones. */
export async function apiKeyViews(context: Pick<CrmApiContext, 'tables'>): Promise<ApiKeyView[]> {
  const records = await listApiKeys(context.tables);
  return records
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.createdAt.localeCompare(b.createdAt))
    .map(viewOf);
}

/** Creates a key: the answer is the only place the key itself ever appears (only its hash is stored). */
export async function issueApiKey(
  context: Pick<CrmApiContext, 'tables' | 'clock'>,
  request: { readonly name: string; readonly scope?: ApiKeyScope },
): Promise<ApiKeyView & { readonly key: string }> {
  const name = request.name.trim();
  if (!KEY_NAME.test(name))
    throw new ApiError(400, 'invalid_api_key_name', 'a key needs a name of 1 to 200 characters, without control characters');
  const created = await createApiKey(context.tables, context.clock, { name, scope: request.scope ?? 'write' });
  return { key: created.key, ...viewOf(created.record) };
}

/** Revokes a key by its id; the running instance forgets its cached verifications at once. */
export async function withdrawApiKey(context: Pick<CrmApiContext, 'tables' | 'clock' | 'apiKeys'>, keyId: string): Promise<ApiKeyView> {
  const revoked = await revokeApiKey(context.tables, context.clock, keyId);
  if (!revoked) throw new ApiError(404, 'unknown_api_key', `no API key with id '${keyId}' (GET /api-keys lists them)`);
  context.apiKeys.forget();
  return viewOf(revoked);
}
