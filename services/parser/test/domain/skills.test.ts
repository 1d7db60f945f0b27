import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vocabulary from '../../src/domain/skills/vocabulary.json' with { type: 'json' };
import { bySkillName, type SkillEntry, SkillMatcher, skillDictionary, sourceSkills } from '../../src/domain/skills.js';
import { SpellingTrie } from '../../src/domain/spelling-trie.js';

const entries = (vocabulary as { skills: SkillEntry[] }).skills;

/**
 * The definition the trie matcher must agree with, written as the regexes it replaced: every spelling in
 * one alternation (longest first) that ends alone, taken only where it also starts alone.
 */
function regexFind(text: string): string[] {
  const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const after = String.raw`(?![A-Za-z0-9_+#]|[.-][A-Za-z0-9]|:\/\/)`;
  const lower = new Map<string, string>();
  const exact = new Map<string, string>();
  for (const entry of entries) {
    for (const spelling of entry.matchName === false ? (entry.aliases ?? []) : [entry.name, ...(entry.aliases ?? [])]) {
      lower.set(spelling.toLowerCase(), entry.name);
    }
    for (const spelling of entry.caseSensitive ?? []) exact.set(spelling, entry.name);
  }
  const pattern = (words: Iterable<string>, flags: string) =>
    new RegExp(
      `(?:${[...words]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})${after}`,
      flags,
    );
  const alone = (index: number) =>
    index === 0 || (!/[A-Za-z0-9_+#.@-]/.test(text[index - 1]!) && !(text[index - 1] === '/' && text[index - 2] === '/'));
  const matches = (regex: RegExp) => {
    const found: RegExpExecArray[] = [];
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      if (alone(match.index)) found.push(match);
      else regex.lastIndex = match.index + 1;
    }
    return found;
  };
  const spans = matches(pattern(lower.keys(), 'gi'));
  const names = new Set(spans.map((match) => lower.get(match[0].toLowerCase())!));
  for (const match of matches(pattern(exact.keys(), 'g'))) {
    if (!spans.some((span) => match.index >= span.index && match.index < span.index + span[0].length)) names.add(exact.get(match[0])!);
  }
  return [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

test('skills stand alone: not inside longer words, dotted names, paths or URLs', () => {
  assert.deepEqual(skillDictionary.find('JavaScript and Java'), ['Java', 'JavaScript']);
  assert.deepEqual(skillDictionary.find('javascript only'), ['JavaScript']);
  assert.deepEqual(skillDictionary.find('see https://python.org and java.util'), []);
  assert.deepEqual(skillDictionary.find('Python, Java.'), ['Java', 'Python']);
});

test('exact-case spellings count only in their case and not inside a longer skill', () => {
  assert.deepEqual(skillDictionary.find('JS and TS'), ['JavaScript', 'TypeScript']);
  assert.deepEqual(skillDictionary.find('js and ts'), []);
});

test('the longest spelling at a position wins, and the scan resumes after it', () => {
  const matcher = new SkillMatcher([{ name: 'Machine Learning', aliases: ['ml'] }, { name: 'Machine' }, { name: 'Learning Rate' }]);
  assert.deepEqual(matcher.find('Machine learning rate'), ['Machine Learning']);
  assert.deepEqual(matcher.find('machine, ML'), ['Machine', 'Machine Learning']);
});

test('a spelling trie finds the longest spelling of each case mode whose end fits, in one walk', () => {
  const trie = new SpellingTrie();
  trie.add('c', 'C');
  trie.add('c++', 'C++');
  trie.add('BI', 'Business Intelligence', true);
  trie.add('power bi', 'Power BI');
  const atWordEnd = (text: string, end: number) => end >= text.length || text[end] === ' ';
  const at = (text: string, start: number) => {
    const into = { anyCaseEnd: -1, anyCase: undefined as string | undefined, exactEnd: -1, exact: undefined as string | undefined };
    trie.longestAt(text, start, atWordEnd, into);
    return [into.anyCaseEnd >= 0 ? [into.anyCaseEnd, into.anyCase] : null, into.exactEnd >= 0 ? [into.exactEnd, into.exact] : null];
  };
  assert.deepEqual(at('C++ and C', 0), [[3, 'C++'], null]);
  assert.deepEqual(at('C+ and C', 0), [null, null]);
  assert.deepEqual(at('C+ and C', 7), [[8, 'C'], null]);
  assert.deepEqual(at('bi', 0), [null, null]);
  assert.deepEqual(at('BI and', 0), [null, [2, 'Business Intelligence']]);
  assert.deepEqual(at('Power BI', 0), [[8, 'Power BI'], null]);
});

test('a spelling trie keeps every spelling as its edge table grows, non-ASCII characters included', () => {
  const trie = new SpellingTrie<number>();
  // Thousands of spellings sharing prefixes make the table double several times.
  const spellings = Array.from({ length: 6000 }, (_, index) => `skill ${index.toString(36)} café`);
  for (const [index, spelling] of spellings.entries()) trie.add(spelling, index);
  trie.add('ü', -1);
  const fits = (text: string, end: number) => end >= text.length || text[end] === ' ';
  const into = { anyCaseEnd: -1, anyCase: undefined as number | undefined, exactEnd: -1, exact: undefined as number | undefined };
  spellings.forEach((spelling, index) => {
    assert.equal(trie.longestAt(`${spelling.toUpperCase().replace('CAFÉ', 'café')} and more`, 0, fits, into), true, spelling);
    assert.equal(into.anyCase, index);
    assert.equal(into.anyCaseEnd, spelling.length);
  });
  assert.equal(trie.longestAt('skill zzz café', 0, fits, into), false);
  assert.equal(trie.longestAt('über ü', 5, fits, into), true);
  assert.equal(into.anyCase, -1);
  assert.equal(trie.longestAt('ü', 1, fits, into), false);
});

test('a spelling trie tells apart children whose characters fall on the same bit of its child mask', () => {
  const trie = new SpellingTrie();
  // Below "zq" (past the direct tables of the first two steps): "a" (97), "!" (33), "A" (65, folded to
  // "a") and "ā" (257) are 1 mod 32; "b" (98) is not.
  trie.add('zqa', 'ZQA');
  trie.add('zq!', 'ZQ!');
  const fits = () => true;
  const into = { anyCaseEnd: -1, anyCase: undefined as string | undefined, exactEnd: -1, exact: undefined as string | undefined };
  const longest = (text: string) => (trie.longestAt(text, 0, fits, into) ? [into.anyCaseEnd, into.anyCase] : null);
  assert.deepEqual(longest('zq!'), [3, 'ZQ!']);
  assert.deepEqual(longest('ZQA'), [3, 'ZQA']);
  assert.deepEqual(longest('zqA!'), [3, 'ZQA']);
  assert.equal(longest('zqb'), null);
  assert.equal(longest('zq\u0101'), null);
});

test('the trie matcher finds exactly what the regex definition finds, on every fixture and on edge cases', () => {
  // The regex definition covers the confident spellings; nearby-only spellings have tests of their own.
  const confidentOnly = new SkillMatcher(entries.map(({ nearby: _nearby, ...entry }) => entry));
  const fixtures = join(import.meta.dirname, '..', 'fixtures');
  const texts = readdirSync(fixtures, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(json|html)$/.test(file))
    .map((file) => readFileSync(join(fixtures, file), 'utf8'));
  texts.push(
    'C++, C#, .NET, Node.js, node.js-based, React.js; python3 / Python 3, Go and golang, Power BI and BI, Spring Boot',
    'AWS/GCP/Azure; k8s & Kubernetes; SQL-Server; PostgreSQL.Postgres; @react; #java; java_home; TS-only; JS:',
    'ts.js — JS. TS, (Scala) [Rust] {Kotlin} "Swift" \u00a0Ruby\u00a0on\u00a0Rails; R, R&D, Excel',
  );
  for (const text of texts) assert.deepEqual(confidentOnly.find(text), regexFind(text), text.slice(0, 80));
});

test('source skill labels take the dictionary spelling and drop repeats', () => {
  assert.deepEqual(sourceSkills(['javascript', 'JavaScript', ' Kubernetes ', 'Underwater Basket Weaving']), [
    'JavaScript',
    'Kubernetes',
    'Underwater Basket Weaving',
  ]);
});

test('compareNames and sortedNames sort skill names exactly as the collator does, equal names kept in their order', () => {
  // Every vocabulary name, plus names outside it and names equal to another but for case or accents.
  const names = [...entries.map((entry) => entry.name), 'Zzz Unknown Skill', 'python', 'Cafe', 'Café', 'CAFÉ', 'aws'];
  let seed = 15;
  const shuffled = names
    .map((name) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return [seed, name] as const;
    })
    .sort(([a], [b]) => a - b)
    .map(([, name]) => name);
  assert.deepEqual([...shuffled].sort(skillDictionary.compareNames), [...shuffled].sort(bySkillName));
  const vocabularyOnly = shuffled.filter((name) => name !== 'Zzz Unknown Skill' && name !== 'python' && name !== 'CAFÉ');
  assert.deepEqual(skillDictionary.sortedNames(vocabularyOnly), [...vocabularyOnly].sort(bySkillName));
  assert.deepEqual(skillDictionary.sortedNames(shuffled), [...shuffled].sort(bySkillName));
  // Two vocabulary names the collator holds equal keep the order they came in, either way round.
  const matcher = new SkillMatcher([{ name: 'Cafe' }, { name: 'Café' }, { name: 'Bakery' }]);
  assert.deepEqual(['Café', 'Bakery', 'Cafe'].sort(matcher.compareNames), ['Bakery', 'Café', 'Cafe']);
  assert.deepEqual(['Cafe', 'Bakery', 'Café'].sort(matcher.compareNames), ['Bakery', 'Cafe', 'Café']);
  assert.deepEqual(matcher.sortedNames(['Café', 'Bakery', 'Cafe']), ['Bakery', 'Café', 'Cafe']);
  assert.deepEqual(matcher.sortedNames(['Cafe', 'Bakery', 'Café']), ['Bakery', 'Cafe', 'Café']);
});
