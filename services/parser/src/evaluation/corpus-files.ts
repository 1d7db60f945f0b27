import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CorpusPosting, CorpusSnippet, ExtractionCorpus } from './corpus.js';

/** The labelled corpus kept in the project (services/parser/corpus, see its README). */
export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'corpus');

function readFolder<T>(folder: string): (T & { field: string })[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(join(folder, file), 'utf8')) as T[]).map((item) => ({ ...item, field: basename(file, '.json') })),
    );
}

/** Reads the corpus: `snippets/<field>.json` and `postings/<field>.json`, each an array. */
export function readExtractionCorpus(dir: string = CORPUS_DIR): ExtractionCorpus {
  return { snippets: readFolder<CorpusSnippet>(join(dir, 'snippets')), postings: readFolder<CorpusPosting>(join(dir, 'postings')) };
}

/** The committed floors: per field, the lowest precision and recall CI accepts. */
export function readExtractionBaseline(dir: string = CORPUS_DIR): Record<string, { precision: number; recall: number }> {
  return (JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { fields: Record<string, { precision: number; recall: number }> })
    .fields;
}
