import { dirname } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { eventSchemaFiles, readJson, sharedSchemaFiles, tableSchemaFiles } from './schema-files.js';

const BANNER = '/* Generated from contracts/schemas by scripts/generate-types.ts. Do not edit by hand. */\n';

function typeNameOf(detailType: string, major: number): string {
  return `${detailType
    .split(/[.-]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')}V${major}`;
}

/**
 * Renders TypeScript declarations for every event schema and table-item schema, plus a map from
 * detail-type to its latest detail type and one from table name to its item type.
 */
export async function renderEventTypes(): Promise<string> {
  const options = { bannerComment: '', additionalProperties: false, strictIndexSignatures: true, format: true };
  const parts: string[] = [BANNER];
  const seen = new Set<string>();
  const keep = (source: string) => {
    // Shared definitions (meta, normalized job, config) appear in several outputs: emit each once.
    const blocks = source.split(/\n(?=export )/);
    for (const block of blocks) {
      const name = /^export (?:interface|type) (\w+)/.exec(block.trim())?.[1];
      if (name && seen.has(name)) continue;
      if (name) seen.add(name);
      parts.push(block.trim());
    }
  };
  for (const path of sharedSchemaFiles()) {
    keep(await compile(readJson(path) as never, '', { ...options, cwd: dirname(path) }));
  }
  const latest = new Map<string, number>();
  for (const file of eventSchemaFiles()) {
    keep(await compile(file.schema as never, typeNameOf(file.detailType, file.major), { ...options, cwd: dirname(file.path) }));
    latest.set(file.detailType, Math.max(file.major, latest.get(file.detailType) ?? 0));
  }
  const entries = [...latest].map(([type, major]) => `  '${type}': ${typeNameOf(type, major)}['data'];`);
  parts.push(`/** The data of the newest major version of each detail-type. */\nexport interface EventDataMap {\n${entries.join('\n')}\n}`);
  const tables: string[] = [];
  for (const file of tableSchemaFiles()) {
    const title = String(file.schema.title);
    keep(await compile(file.schema as never, title, { ...options, cwd: dirname(file.path) }));
    tables.push(`  ${file.table}: ${title};`);
  }
  parts.push(
    `/** The item type of each table (\`schemas/tables/<table>/schema.json\`). */\nexport interface TableItemMap {\n${tables.join('\n')}\n}`,
  );
  return `${parts.join('\n\n')}\n`;
}
