import { randomUUID } from 'node:crypto';
import { type Dirent, existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { BlobStore } from '../ports/blobs.js';
import { blobKeyParts } from './blob-key.js';

/**
 * Folders a key's path keeps: its first two parts (`raw/<source>/`, `runs/<source>/`). The rest of the
 * key is one file name in that folder (`raw/mcf/<id>/<hash>.json` is `raw/mcf/<id>%2F<hash>.json`):
 * raw bodies are keyed by posting, and a folder per posting made every put create a directory, which
 * on the ext4 disks this runs on costs about a millisecond of kernel time (the directory and the first
 * file in it are placed apart from their neighbours), more than the rest of storing a posting.
 */
const FOLDER_DEPTH = 2;

/** Longest folded file name; a key whose rest is longer keeps one folder per part (file names stop at 255 bytes). */
const MAX_FOLDED_NAME_BYTES = 200;

/** A folded file name: the key's rest with `%` and `/` escaped, so it reads back exactly. */
function foldName(rest: string): string {
  return rest.replaceAll('%', '%25').replaceAll('/', '%2F');
}

function unfoldName(name: string): string {
  return name.replaceAll('%2F', '/').replaceAll('%25', '%');
}

/** Where a key's file is: `path` (where it is written), and `nested`, one folder per part, where earlier versions wrote it. */
interface BlobPaths {
  readonly path: string;
  readonly nested: string;
}

/**
 * Blobs as files below one folder; writes are atomic (temp file + rename). A key's first two parts are
 * folders and the rest is one file name (`FOLDER_DEPTH`); files written by earlier versions, one
 * folder per part, are still read, listed and deleted.
 */
export class FolderBlobStore implements BlobStore {
  private readonly root: string;
  /** Folders this store has made or found, so a put does not ask for them again. */
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * Writes the blob (the folder store keeps no content type: keys carry their extension) without
   * holding up the event loop: the embedded runtime keeps small bodies in a SQLite table
   * (`EmbeddedBlobStore`), so the files here are the big ones (analytics snapshots).
   */
  async put(key: string, body: Uint8Array | string, _contentType?: string): Promise<void> {
    await this.replace(key, (temporary) => writeFile(temporary, body));
  }

  /**
   * Copies the file in: the kernel copies it, so its body never passes through this process's memory (an
   * analytics snapshot read whole to be put was the peak of a rebuild's memory).
   */
  async putFile(key: string, path: string, _contentType?: string): Promise<void> {
    await this.replace(key, (temporary) => copyFile(path, temporary));
  }

  /** Writes a key's file as a temporary file beside it, then renames that into place (atomic for readers). */
  private async replace(key: string, write: (temporary: string) => Promise<void>): Promise<void> {
    const { path } = this.pathsOf(key);
    const folder = dirname(path);
    const temporary = `${path}.${randomUUID()}.tmp`;
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    try {
      await write(temporary);
    } catch (error) {
      // The folder went away since (a wipe): make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true });
      await write(temporary);
    }
    await rename(temporary, path);
  }

  /**
   * Reads the blob in one synchronous call: a blob is a local file of at most a few megabytes, and the
   * promise API's open, stat, read and close, each a round trip through the thread pool, cost the parser
   * more CPU than the read itself (about 7% of its time in the ingest bench).
   */
  async get(key: string): Promise<Buffer | undefined> {
    const { path, nested } = this.pathsOf(key);
    return readIfThere(path) ?? (nested === path ? undefined : readIfThere(nested));
  }

  async exists(key: string): Promise<boolean> {
    const { path, nested } = this.pathsOf(key);
    return (await isFile(path)) || (nested !== path && (await isFile(nested)));
  }

  async *list(prefix: string): AsyncIterable<string> {
    // Walk only the deepest folder the prefix names, at most FOLDER_DEPTH deep (`raw/mcf/` → blobs/raw/mcf).
    const folderParts = prefix.split('/').slice(0, -1).slice(0, FOLDER_DEPTH);
    const keys = new Set<string>();
    await this.walk(folderParts.length > 0 ? this.pathOf(folderParts.join('/')) : this.root, keys);
    for (const key of [...keys].filter((candidate) => candidate.startsWith(prefix)).sort()) yield key;
  }

  /** Deletes the blob's file in either layout; a look first (a few microseconds) when most keys have none. */
  async delete(key: string): Promise<void> {
    const { path, nested } = this.pathsOf(key);
    for (const file of new Set([path, nested])) if (existsSync(file)) await rm(file, { force: true });
  }

  private async walk(folder: string, into: Set<string>): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await this.walk(path, into);
      else if (!entry.name.endsWith('.tmp')) into.add(this.keyOf(relative(this.root, path).split(sep)));
    }
  }

  /** The key of a file below the root, by its path's parts. */
  private keyOf(parts: readonly string[]): string {
    if (parts.length !== FOLDER_DEPTH + 1) return parts.join('/');
    return [...parts.slice(0, FOLDER_DEPTH), unfoldName(parts[FOLDER_DEPTH]!)].join('/');
  }

  private pathsOf(key: string): BlobPaths {
    const nested = this.pathOf(key);
    const parts = key.split('/');
    if (parts.length <= FOLDER_DEPTH) return { path: nested, nested };
    const name = foldName(parts.slice(FOLDER_DEPTH).join('/'));
    if (Buffer.byteLength(name) > MAX_FOLDED_NAME_BYTES) return { path: nested, nested };
    return { path: join(this.root, ...parts.slice(0, FOLDER_DEPTH), name), nested };
  }

  private pathOf(key: string): string {
    return join(this.root, ...blobKeyParts(key));
  }
}

function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
