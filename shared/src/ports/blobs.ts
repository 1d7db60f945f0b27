/** Large bodies (raw pages, screenshots, snapshots, models) stored by key. Embedded: a folder; AWS: S3. */
export interface BlobStore {
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** The body, or undefined when no blob has that key. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, in key order. */
  list(prefix: string): AsyncIterable<string>;
  delete(key: string): Promise<void>;
}
