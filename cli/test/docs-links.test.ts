import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'data', 'cdk.out', '.git', '.turbo', '.test-results']);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    if (SKIPPED_FOLDERS.has(name)) return [];
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** Paths of markdown files named in code spans (`docs/running.md`), which readers follow like links. */
function namedMarkdownPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`((?:\.{1,2}\/|\/)[^`\s]*\.md)`/g)].map((match) => match[1]!);
}

/** The targets of inline markdown links and images, without their #fragment. */
function linkTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

test('every relative link in the docs resolves to a file inside the repository', () => {
  const broken: string[] = [];
  const files = markdownFiles(root);
  assert.ok(files.length >= 5, 'the docs were found');
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    // A link starting with '/' is relative to the repository (as GitHub reads it); a path in a code span is a file path.
    const targets = [
      ...linkTargets(markdown).map((target) => ({ target, absoluteFrom: root })),
      ...namedMarkdownPaths(markdown).map((target) => ({ target, absoluteFrom: '/' })),
    ];
    for (const { target, absoluteFrom } of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      const path = decodeURIComponent(target.split('#')[0]!);
      const resolved = path.startsWith('/') ? join(absoluteFrom, path) : resolve(dirname(file), path);
      const where = `${relative(root, file)} → ${target}`;
      if (relative(root, resolved).startsWith('..')) broken.push(`${where} (outside the repository)`);
      else if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
    }
  }
  assert.deepEqual(broken, []);
});

test('the link check finds a broken link and one that leaves the repository', () => {
  assert.deepEqual(linkTargets('see [a](../outside.md) and ![b](img/x.png "t") but not `[c](d)`'), ['../outside.md', 'img/x.png']);
  assert.deepEqual(namedMarkdownPaths('columns in `/work/briefs/interfaces.md`, see `../DESIGN.md`, not `a.md`'), [
    '/work/briefs/interfaces.md',
    '../DESIGN.md',
  ]);
});
