import assert from 'node:assert/strict';
import { test } from 'node:test';
import { termCounts, tokenize, tokenizeText } from '../../src/domain/tokenizer.js';

test('drops English stop words, lower-cases and stems words', () => {
  assert.deepEqual(tokenize('The Senior Data Engineers build pipelines for our customers'), [
    'senior',
    'data',
    'engin',
    'build',
    'pipelin',
    'custom',
  ]);
});

test('keeps technology names whole: c++, c#, node.js, short names like aws and dbt', () => {
  assert.deepEqual(tokenize('C++, C#, Node.js, AWS and dbt.'), ['c++', 'c#', 'node.js', 'aws', 'dbt']);
});

test('a word and its inflections meet on one stem, so a keyword matches its plural', () => {
  assert.deepEqual(tokenize('engineering engineers engineer'), ['engin', 'engin', 'engin']);
});

test('keeps the written word beside each stem (for readable explanations)', () => {
  assert.deepEqual(tokenizeText('Streaming pipelines'), { stems: ['stream', 'pipelin'], words: ['streaming', 'pipelines'] });
});

test('term counts hold every stem and every bigram of consecutive kept words', () => {
  const counts = termCounts(tokenize('data engineering, and more data engineering'));
  assert.deepEqual(Object.fromEntries(counts), { data: 2, engin: 2, 'data engin': 2, 'engin data': 1 });
});

test('empty and punctuation-only text gives no terms', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' -- !! '), []);
});
