import { readFile, stat } from 'node:fs/promises';
import type { BlobStore } from '../ports/blobs.js';
import { blobKeyParts } from './blob-key.js';
import type { FolderBlobStore } from './folder-blob-store.js';
import type { SqliteBlobTable } from './sqlite-blob-table.js';

/**
 * Bodies up to this size are rows of the blob table; bigger ones (snapshots, screenshots) are files.
 * SQLite reads and writes blobs of up to about 100 KB faster than the file system does
 * (sqlite.org/intern-v-extern-blob.html); a raw posting is a few kilobytes.
 */
export const TABLE_BLOB_MAX_BYTES = 128 * 1024;

/**
 * The embedded runtime's blobs: small bodies as rows of a SQLite table (`blobs.sqlite`), bigger ones as
 * files below `blobs/`. Storing a raw posting as a file of its own cost the scraper about a millisecond
 * of kernel time per posting (a new inode and directory entry per file on ext4), a fifth of its CPU in
 * the ingest bench; a row costs tens of microseconds, and the bodies a run stores in one event-loop
 * turn commit together.
 *
 * A key lives in one place: a put removes the copy the other place may hold (so files written before
 * the table existed, in either folder layout, are replaced, not shadowed), reads look in the table
 * first, and lists and deletes cover both.
 */
export class EmbeddedBlobStore implements BlobStore {
  constructor(
    private readonly table: SqliteBlobTable,
    private readonly folder: FolderBlobStore,
  ) {}

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    blobKeyParts(key);
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (size <= TABLE_BLOB_MAX_BYTES) {
      await this.table.put(key, body);
      await this.folder.delete(key);
    } else {
      // The file first: until it is renamed into place, readers still find the old row.
      await this.folder.put(key, body, contentType);
      await this.table.delete(key);
    }
  }

  async putFile(key: string, path: string, contentType?: string): Promise<void> {
    blobKeyParts(key);
    const { size } = await stat(path);
    if (size <= TABLE_BLOB_MAX_BYTES) {
      await this.put(key, await readFile(path), contentType);
    } else {
      await this.folder.putFile(key, path, contentType);
      await this.table.delete(key);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    blobKeyParts(key);
    return this.table.get(key) ?? (await this.folder.get(key));
  }

  async exists(key: string): Promise<boolean> {
    blobKeyParts(key);
    return this.table.has(key) || (await this.folder.exists(key));
  }

  async *list(prefix: string): AsyncIterable<string> {
    const keys = new Set(this.table.keys(prefix));
    for await (const key of this.folder.list(prefix)) keys.add(key);
    yield* [...keys].sort();
  }

  async delete(key: string): Promise<void> {
    blobKeyParts(key);
    await this.table.delete(key);
    await this.folder.delete(key);
  }

  /** Commits pending puts and closes the table's file. */
  close(): void {
    this.table.close();
  }
}
