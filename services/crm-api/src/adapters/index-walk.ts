import type { IndexName, Item, TableReader } from '@jobpipe/shared';
import { compareKeys } from './listing-keys.js';

/** One walk through an index: which index, which partitions, which part of the sort keys, which way. */
export interface IndexWalk {
  readonly table: 'readModel';
  readonly index: IndexName<'readModel'>;
  /** The index's sort key attribute (the order the partitions are merged in). */
  readonly sortKey: string;
  readonly partitions: readonly string[];
  /** Sort keys from here on (inclusive). */
  readonly from?: string;
  /** Sort keys up to here (inclusive). */
  readonly to?: string;
  /** A sort key to leave out (where the previous page ended). */
  readonly after?: string;
  readonly descending: boolean;
  /** Items read per request. */
  readonly pageSize: number;
}

/** The items of one partition of an index in order, read page by page as they are asked for. */
async function* partitionItems<T extends Item>(tables: TableReader, walk: IndexWalk, partitionValue: string): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await tables.query(walk.table, {
      index: walk.index,
      partitionValue,
      ...(walk.from !== undefined ? { sortFrom: walk.from } : {}),
      ...(walk.to !== undefined ? { sortTo: walk.to } : {}),
      descending: walk.descending,
      limit: walk.pageSize,
      ...(cursor ? { cursor } : {}),
    });
    // The walk's items are of the kind its index holds (the caller names it).
    for (const item of page.items as unknown as T[]) if (item[walk.sortKey] !== walk.after) yield item;
    cursor = page.cursor;
  } while (cursor);
}

/**
 * The items of every partition of a walk, merged into the index's order (by sort key, as the tables
 * order them), read lazily: a caller that stops after a page reads about a page per partition.
 */
export async function* walkIndex<T extends Item>(tables: TableReader, walk: IndexWalk): AsyncGenerator<T> {
  const sources = walk.partitions.map((partition) => partitionItems<T>(tables, walk, partition));
  const heads = await Promise.all(sources.map((source) => source.next()));
  const direction = walk.descending ? -1 : 1;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head.done) continue;
      const bestHead = best >= 0 ? heads[best]! : undefined;
      if (
        !bestHead ||
        bestHead.done ||
        direction * compareKeys(String(head.value[walk.sortKey]), String(bestHead.value[walk.sortKey])) < 0
      ) {
        best = i;
      }
    }
    if (best < 0) return;
    const chosen = heads[best]!;
    if (chosen.done) return;
    yield chosen.value;
    heads[best] = await sources[best]!.next();
  }
}
