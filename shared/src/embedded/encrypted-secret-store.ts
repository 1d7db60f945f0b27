import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { SecretStore } from '../ports/secrets.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';

/**
 * Secrets in a SQLite file, each value sealed with AES-256-GCM under a key derived (scrypt) from a
 * passphrase given by the environment. The file holds only ciphertext; a wrong key fails loudly.
 */
export class EncryptedSecretStore implements SecretStore {
  private readonly db: SqliteDatabase;
  private readonly key: Buffer;

  constructor(path: string, passphrase: string) {
    if (passphrase.length < 16) throw new ConfigError('JOBPIPE_SECRET_KEY must be at least 16 characters');
    this.db = openSqlite(path);
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value BLOB NOT NULL); CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL)',
    );
    this.db.prepare("INSERT OR IGNORE INTO settings (name, value) VALUES ('salt', ?)").run(randomBytes(16));
    const salt = (this.db.prepare("SELECT value FROM settings WHERE name = 'salt'").get() as { value: Buffer }).value;
    this.key = scryptSync(passphrase, salt, 32);
  }

  async get(name: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT iv, tag, ciphertext FROM secrets WHERE name = ?').get(name) as
      | { iv: Buffer; tag: Buffer; ciphertext: Buffer }
      | undefined;
    if (!row) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(row.tag);
    try {
      return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new ConfigError(`secret '${name}' cannot be decrypted: JOBPIPE_SECRET_KEY differs from the one it was stored with`);
    }
  }

  async put(name: string, value: string): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    this.db
      .prepare('INSERT OR REPLACE INTO secrets (name, iv, tag, ciphertext) VALUES (?, ?, ?, ?)')
      .run(name, iv, cipher.getAuthTag(), ciphertext);
  }

  async delete(name: string): Promise<void> {
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
  }

  close(): void {
    this.db.close();
  }
}
