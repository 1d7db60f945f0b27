/**
 * Named secrets (passwords, cookies, API keys). Values never leave through events, logs or errors.
 * Embedded: an encrypted file; AWS: Secrets Manager.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  put(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}
