import { join } from 'node:path';
import { readJson, SCHEMAS_DIR } from '../schema-files.js';
import { type EnumLocation, VOCABULARY_TERMS, type VocabularyTerm } from './vocabulary-terms.js';

/** Where the generated vocabulary module lives. */
export const VOCABULARY_MODULE_PATH = join(SCHEMAS_DIR, '..', 'src', 'generated', 'vocabulary.ts');

const BANNER = '/* Generated from contracts/schemas by scripts/generate-vocabulary.ts. Do not edit by hand. */';

function resolvePointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/**
 * The string values of the enum at a location: the node's own `enum`, or the one string enum among
 * its `anyOf` branches (a nullable enum). Throws naming the location when there is none.
 */
export function enumAt(location: EnumLocation, schemasDir = SCHEMAS_DIR): string[] {
  const node = resolvePointer(readJson(join(schemasDir, location.file)), location.pointer) as
    | { enum?: unknown; anyOf?: { enum?: unknown }[] }
    | undefined;
  const candidates = [node?.enum, ...(node?.anyOf ?? []).map((branch) => branch.enum)].filter(Array.isArray);
  const values = candidates[0];
  if (candidates.length !== 1 || !values?.every((value) => typeof value === 'string')) {
    throw new Error(`${location.file}#${location.pointer} holds no single string enum`);
  }
  return values as string[];
}

function renderTerm(term: VocabularyTerm): string {
  const values = enumAt(term.source).map((value) => `'${value}'`);
  return [
    `/** ${term.description} From ${term.source.file}#${term.source.pointer}. */`,
    `export const ${term.constant} = [${values.join(', ')}] as const;`,
    `/** One of {@link ${term.constant}}. */`,
    `export type ${term.type} = (typeof ${term.constant})[number];`,
    `/** Whether a value is one of {@link ${term.constant}}. */`,
    `export const is${term.type} = (value: unknown): value is ${term.type} => (${term.constant} as readonly unknown[]).includes(value);`,
  ].join('\n');
}

/** Renders `src/generated/vocabulary.ts`: a constant, a member type and a guard per vocabulary term. */
export function renderVocabularyModule(terms: readonly VocabularyTerm[] = VOCABULARY_TERMS): string {
  return `${[BANNER, ...terms.map(renderTerm)].join('\n\n')}\n`;
}
