import type { Page } from '../ports/tables.js';

/** Follows cursors from the first page to the last, yielding the items of each page that has any. */
export async function* everyPage<T>(readPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** Follows cursors from the first page to the last, yielding every item once. */
export async function* everyItem<T>(readPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  for await (const items of everyPage(readPage)) yield* items;
}

/** Every item of an async iterable, in order (what `Array.fromAsync` does on Node 22). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
