import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { joinVocabulary, readVocabularyFile } from '../src/domain/skills/vocabulary-format.js';

/** Where the vocabulary's category files are. */
export const VOCABULARY_DIR = join(import.meta.dirname, '..', 'vocabulary');
/** The compiled vocabulary the parser imports. */
export const VOCABULARY_JSON = join(import.meta.dirname, '..', 'src', 'domain', 'skills', 'vocabulary.json');

/** The compiled vocabulary as its JSON file should read, and how many skills it holds. */
export function compiledVocabulary(): { text: string; count: number } {
  const files = readdirSync(VOCABULARY_DIR)
    .filter((file) => file.endsWith('.tsv'))
    .sort()
    .map((file) => ({ file, entries: readVocabularyFile(file, basename(file, '.tsv'), readFileSync(join(VOCABULARY_DIR, file), 'utf8')) }));
  const skills = joinVocabulary(files);
  const document = {
    description: 'Generated from services/parser/vocabulary/*.tsv by scripts/compile-vocabulary.ts; edit those files, not this one.',
    skills,
  };
  return { text: `${JSON.stringify(document)}\n`, count: skills.length };
}
