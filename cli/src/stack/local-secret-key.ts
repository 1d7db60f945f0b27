import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * Makes sure the embedded secret store has a key: when JOBPIPE_SECRET_KEY is not set, a new random
 * key is appended to the (git-ignored) `.env` so later starts decrypt the same secrets.
 */
export function ensureLocalSecretKey(current: string | undefined, dotenvPath: string): { key: string; created: boolean } {
  if (current) return { key: current, created: false };
  const key = randomBytes(32).toString('base64url');
  const separator = existsSync(dotenvPath) && !readFileSync(dotenvPath, 'utf8').endsWith('\n') ? '\n' : '';
  appendFileSync(
    dotenvPath,
    `${separator}# Key of the embedded secret store (data/secrets.sqlite). Keep it; never commit it.\nJOBPIPE_SECRET_KEY=${key}\n`,
    {
      mode: 0o600,
    },
  );
  return { key, created: true };
}
