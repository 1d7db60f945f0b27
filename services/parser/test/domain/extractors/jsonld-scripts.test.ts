import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonLdBlocks } from '../../../src/domain/extractors/jsonld-scripts.js';

const page = [
  '<html><head><title>Docs mention ld+json in text</title>',
  '<script type="application/ld+json">{"@type":"JobPosting","title":"Ingénieur données — café ☕"}</Script >',
  '<script>var x = "</scr" + "ipt>";</script>',
  '<SCRIPT TYPE="APPLICATION/LD+JSON">{"@type":"Organization","name":"Ünïcode GmbH"}</SCRIPT>',
  '<script type="application/ld+json">{"@type":"JobPosting","title":"broken",}</script>',
  '</head><body><p>ld+json</p></body></html>',
].join('\n');

test('JSON-LD blocks read from UTF-8 bytes equal those read from the decoded text', () => {
  const fromText = jsonLdBlocks(page);
  const fromBytes = jsonLdBlocks(Buffer.from(page, 'utf8'));
  assert.deepEqual(fromBytes, fromText);
  assert.deepEqual(fromText.documents, [
    { '@type': 'JobPosting', title: 'Ingénieur données — café ☕' },
    { '@type': 'JobPosting', title: 'broken' },
  ]);
});

test('a page that writes the type only in upper case has its blocks read', () => {
  const upper = '<SCRIPT TYPE="APPLICATION/LD+JSON">{"@type":"JobPosting","title":"Ünïcode"}</SCRIPT>';
  for (const markup of [upper, Buffer.from(upper, 'utf8')]) {
    assert.deepEqual(jsonLdBlocks(markup).documents, [{ '@type': 'JobPosting', title: 'Ünïcode' }]);
  }
});

test('a script block that never closes is read to the end of the page', () => {
  const open = '<p>x</p><script type="application/ld+json">{"@type":"JobPosting","title":"open"}';
  for (const markup of [open, Buffer.from(open, 'utf8')]) {
    assert.deepEqual(jsonLdBlocks(markup).documents, [{ '@type': 'JobPosting', title: 'open' }]);
  }
});

test('JSON-LD wrapped in an HTML comment or CDATA, or with raw newlines in strings, is read like bare JSON-LD', () => {
  const posting = '{"@type": "JobPosting", "title": "Wrapped"}';
  const script = (body: string) => `<html><head><script type="application/ld+json">${body}</script></head></html>`;
  for (const body of [posting, ` <!-- ${posting} --> `, `/*<![CDATA[*/${posting}/*]]>*/`, `<![CDATA[${posting}]]>`]) {
    assert.deepEqual(jsonLdBlocks(script(body)).documents, [{ '@type': 'JobPosting', title: 'Wrapped' }], body);
  }
  assert.deepEqual(jsonLdBlocks(script('[{"@type": "JobPosting", "title": "Two\nlines"},]')).documents, [
    [{ '@type': 'JobPosting', title: 'Two lines' }],
  ]);
});

test('a block opens at the nearest script tag before its type, in whichever case either is written', () => {
  const posting = (title: string) => `{"@type":"JobPosting","title":"${title}"}`;
  const pages = [
    `<script src="a.js"></script><SCRIPT type="application/ld+json">${posting('upper after lower')}</SCRIPT>`,
    `<SCRIPT src="a.js"></SCRIPT><script type="application/ld+json">${posting('lower after upper')}</script>`,
    `<SCRIPT type="application/ld+json">${posting('upper only')}</SCRIPT><p>${'x'.repeat(300)}</p>`,
  ];
  const expected = ['upper after lower', 'lower after upper', 'upper only'];
  pages.forEach((page, index) => {
    for (const markup of [page, Buffer.from(page, 'utf8')]) {
      assert.deepEqual(jsonLdBlocks(markup).documents, [{ '@type': 'JobPosting', title: expected[index] }], page);
    }
  });
});
