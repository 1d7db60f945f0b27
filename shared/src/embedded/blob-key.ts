import { PermanentError } from '../errors.js';

/**
 * The parts of a blob key, refusing a key that could leave the store (`..`, empty parts, a leading
 * `/`). Permanent: a message naming such a key can never succeed, so it goes to the DLQ at once.
 */
export function blobKeyParts(key: string): string[] {
  const parts = key.split('/');
  if (!key || parts.some((part) => part === '..' || part === '')) {
    throw new PermanentError('BLOB_KEY_INVALID', `invalid blob key '${key}'`);
  }
  return parts;
}
