import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compiledVocabulary, VOCABULARY_JSON } from '../../scripts/vocabulary-files.js';
import { joinVocabulary, readVocabularyFile, VocabularyError } from '../../src/domain/skills/vocabulary-format.js';
import { skillDictionary } from '../../src/domain/skills.js';

test('the compiled vocabulary is up to date with the category files (run npm run vocabulary -w @jobpipe/parser)', () => {
  assert.equal(readFileSync(VOCABULARY_JSON, 'utf8'), compiledVocabulary().text);
});

test('the vocabulary holds at least 3,000 skills across the fields of work', () => {
  assert.ok(skillDictionary.size >= 3000, `only ${skillDictionary.size} skills`);
  const wanted = [
    'software',
    'data',
    'cloud',
    'healthcare',
    'legal',
    'finance',
    'sales-support',
    'office',
    'design',
    'trades',
    'languages',
  ];
  const categories = new Set(
    [
      'Python',
      'ICD-10',
      'Westlaw',
      'QuickBooks',
      'Zendesk',
      'Microsoft Outlook',
      'Figma',
      'Welding',
      'Spanish',
      'Apache Spark',
      'Kubernetes',
    ].map((name) => skillDictionary.categoryOf(name)),
  );
  for (const category of wanted) assert.ok(categories.has(category), `no ${category} skill`);
});

test('a vocabulary line is read column by column, and a malformed one is refused with its line number', () => {
  const entries = readVocabularyFile('x.tsv', 'x', '# comment\n\nSpark\tpyspark;spark sql\tSpark\tspark\talias-only\nPython\n');
  assert.deepEqual(entries, [
    { name: 'Spark', category: 'x', aliases: ['pyspark', 'spark sql'], caseSensitive: ['Spark'], nearby: ['spark'], matchName: false },
    { name: 'Python', category: 'x' },
  ]);
  assert.throws(
    () => readVocabularyFile('x.tsv', 'x', 'Go\t\t\t\talias-only'),
    (error: unknown) => error instanceof VocabularyError && /x\.tsv:1/.test(error.message),
  );
  assert.throws(() => readVocabularyFile('x.tsv', 'x', 'A\tb\tc\td\tcolour'), /unknown flag/);
  assert.throws(
    () =>
      joinVocabulary([
        { file: 'a.tsv', entries: [{ name: 'Tracing', aliases: ['tracing'] }] },
        { file: 'b.tsv', entries: [{ name: 'Contact Tracing', aliases: ['tracing'] }] },
      ]),
    /spelling 'tracing' of 'Contact Tracing' already finds 'Tracing'/,
  );
});

test('skills beyond software: clinical coding, legal research, support tools and office suites named in a list', () => {
  assert.deepEqual(skillDictionary.find('Knowledge of ICD-10, CPT and DRG assignment; Epic experience preferred.'), [
    'CPT',
    'DRG',
    'Epic',
    'ICD-10',
  ]);
  assert.deepEqual(skillDictionary.find('Legal research on Westlaw or LexisNexis; e-filing with PACER.'), [
    'Court Filing',
    'Legal Research',
    'LexisNexis',
    'PACER',
    'Westlaw',
  ]);
  assert.deepEqual(skillDictionary.find('Tickets arrive in Zendesk; the team talks in Slack.'), ['Slack', 'Zendesk']);
  assert.deepEqual(skillDictionary.find('Proficient in Microsoft products (Outlook, Excel, Word, PowerPoint).'), [
    'Microsoft Excel',
    'Microsoft Office',
    'Microsoft Outlook',
    'Microsoft PowerPoint',
    'Microsoft Word',
  ]);
});

test('an ordinary word counts as a skill only near another skill: lowercase spark, Word, Teams', () => {
  assert.deepEqual(skillDictionary.find('pipelines in python, spark and airflow'), ['Apache Airflow', 'Apache Spark', 'Python']);
  assert.deepEqual(skillDictionary.find('Ideas that spark joy in every classroom.'), []);
  assert.deepEqual(skillDictionary.find('Word of mouth brings most of our customers. Teams meet on Fridays.'), []);
  assert.deepEqual(skillDictionary.find('Daily tools: Word, Teams and Outlook.'), [
    'Microsoft Outlook',
    'Microsoft Teams',
    'Microsoft Word',
  ]);
});

test('words of other fields and of benefits boilerplate do not become skills', () => {
  assert.deepEqual(skillDictionary.find('We offer a 401(k) match, health insurance, mental health days and far more.'), []);
  assert.deepEqual(skillDictionary.find('Veterans are encouraged to apply. We hold 40 patents. See him at the front door.'), []);
});
