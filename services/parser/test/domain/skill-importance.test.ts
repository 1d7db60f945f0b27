import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skillImportance } from '../../src/domain/skills/skill-importance.js';
import { skillDictionary } from '../../src/domain/skills.js';

const importanceOf = (text: string) => Object.fromEntries(skillImportance(text, skillDictionary.mentions(text)));

test('required vs nice-to-have from headings and from the sentence', () => {
  const text = [
    'Requirements:',
    'Proficient in Microsoft Excel',
    'Nice to have:',
    'QuickBooks',
    'Experience with Salesforce is a plus.',
    'Benefits',
    'Free Peloton and Headspace; we pay for your CPR certification.',
  ].join('\n');
  assert.deepEqual(importanceOf(text), { 'Microsoft Excel': 'required', QuickBooks: 'preferred', Salesforce: 'preferred' });
});

test('"willing to learn", "exposure to" and "not required" never make a required skill', () => {
  assert.deepEqual(importanceOf('Office assistant. Willingness to learn about information security concepts.'), {});
  assert.deepEqual(importanceOf('Requirements: Microsoft Word. Exposure to SQL.'), { 'Microsoft Word': 'required', SQL: 'preferred' });
  assert.deepEqual(importanceOf('Must have: Zendesk. Spanish is not required.'), { Zendesk: 'required', Spanish: 'preferred' });
  assert.deepEqual(importanceOf('No experience with Epic needed - we will train you in Epic and Cerner.'), {});
});

test('the strongest mention of a skill decides: named as a plus once and as a must elsewhere is required', () => {
  assert.deepEqual(importanceOf('Python is a plus.\nYou must know Python.'), { Python: 'required' });
  assert.deepEqual(importanceOf('About us\nOur team builds with React.'), { React: 'mentioned' });
});

test('mentions of a list share one sentence, but not past a sentence break inside a mention', () => {
  const list = 'Nice to have: Excel, Word, PowerPoint and Outlook';
  const mentions = ['Excel', 'Word', 'PowerPoint', 'Outlook'].map((name) => ({
    name,
    start: list.indexOf(name),
    end: list.indexOf(name) + name.length,
  }));
  assert.deepEqual([...skillImportance(list, mentions).values()], ['preferred', 'preferred', 'preferred', 'preferred']);
  // A spelling that ends with "!" ends its sentence: "Python" starts the next one, which asks for nothing.
  const text = 'Nice to have Acme! Python';
  const acme = { name: 'Acme', start: text.indexOf('Acme'), end: text.indexOf('!') + 1 };
  const python = { name: 'Python', start: text.indexOf('Python'), end: text.length };
  assert.deepEqual(Object.fromEntries(skillImportance(text, [acme, python])), { Acme: 'preferred', Python: 'mentioned' });
});
