import { randomUUID } from 'node:crypto';
import { type Dirent, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PermanentError } from '../errors.js';
import type { BlobStore } from '../ports/blobs.js';

/** Blobs as files below one folder; writes are atomic (temp file + rename). */
export class FolderBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Writes the blob (the folder store keeps no content type: keys carry their extension). */
  async put(key: string, body: Uint8Array | string, _contentType?: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  /**
   * Reads the blob in one synchronous call: a blob is a local file of at most a few megabytes, and the
   * promise API's open, stat, read and close, each a round trip through the thread pool, cost the parser
   * more CPU than the read itself (about 7% of its time in the ingest bench).
   */
  async get(key: string): Promise<Buffer | undefined> {
    try {
      return readFileSync(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    // Walk only the deepest folder the prefix names (`raw/mcf/` → blobs/raw/mcf), not the whole store.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    await this.walk(folder ? this.pathOf(folder) : this.root, keys);
    for (const key of keys.filter((candidate) => candidate.startsWith(prefix)).sort()) yield key;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private async walk(folder: string, into: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await this.walk(path, into);
      else if (!entry.name.endsWith('.tmp')) into.push(relative(this.root, path).split(sep).join('/'));
    }
  }

  private pathOf(key: string): string {
    if (!key || key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '')) {
      // Permanent: a message naming such a key can never succeed, so it goes to the DLQ at once.
      throw new PermanentError('BLOB_KEY_INVALID', `invalid blob key '${key}'`);
    }
    return join(this.root, ...key.split('/'));
  }
}
