/** Large bodies (raw pages, screenshots, snapshots, models) stored by key. Embedded: a folder; AWS: S3. */
export interface BlobStore {
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /**
   * Stores a local file's content as the blob. For files of tens of megabytes (analytics snapshots): an
   * adapter that can copy the file without holding its body in memory does so.
   */
  putFile(key: string, path: string, contentType?: string): Promise<void>;
  /** The body, or undefined when no blob has that key. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, in key order. */
  list(prefix: string): AsyncIterable<string>;
  delete(key: string): Promise<void>;
}
