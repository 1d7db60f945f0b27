import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentedBlock, packageDiagramBlock } from '../../../scripts/package-diagram.mjs';

test('the package diagram in docs/architecture.md is the one the package.json files and import rules give (npm run diagram)', () => {
  const block = packageDiagramBlock();
  assert.match(block, /tools\/\* \(tests, bench and the CLI only\)/);
  assert.match(block, /services --> shared/);
  assert.equal(documentedBlock(), block, 'docs/architecture.md is stale: run `npm run diagram`');
});
