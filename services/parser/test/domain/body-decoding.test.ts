import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredHtmlCharset } from '../../src/domain/body-decoding.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

test('a page declares its charset in a meta tag of any case within its first 4 KB', () => {
  assert.equal(declaredHtmlCharset(bytes('<html><head><META CHARSET="Windows-1252"></head>')), 'windows-1252');
  assert.equal(declaredHtmlCharset(bytes('<MeTa http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')), 'iso-8859-1');
  assert.equal(declaredHtmlCharset(bytes(`<!-- ${'<'.repeat(500)} --><meta charset=utf-8>`)), 'utf-8');
  assert.equal(declaredHtmlCharset(bytes(`${' '.repeat(4096)}<meta charset="windows-1252">`)), undefined);
});

test('a body without a meta tag declares no charset, whatever else it says', () => {
  assert.equal(declaredHtmlCharset(bytes('{"description":"charset=windows-1252 <met"}')), undefined);
  assert.equal(declaredHtmlCharset(bytes('<p>charset=latin1</p><meta')), undefined);
  assert.equal(declaredHtmlCharset(bytes('')), undefined);
});
