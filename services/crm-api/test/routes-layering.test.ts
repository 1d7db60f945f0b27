import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const routesDir = join(import.meta.dirname, '..', 'src', 'http', 'routes');

test('routes reach storage and the bus only through use-cases (no table, blob, read-model, analytics or publisher call, no adapter import)', () => {
  const offences: string[] = [];
  for (const file of readdirSync(routesDir).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(routesDir, file), 'utf8');
    for (const match of source.matchAll(/context\.(tables|blobs|readModel|analytics|publisher)\b/g))
      offences.push(`${file}: context.${match[1]}`);
    // A type from an adapter (the shape of a row) is fine; calling one is not.
    for (const match of source.matchAll(/^import (?!type )[^;]*from '((\.\.\/)+adapters\/[^']+)'/gm))
      offences.push(`${file}: imports ${match[1]}`);
  }
  assert.deepEqual(offences, []);
});
