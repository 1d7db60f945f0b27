import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sanitizeHtml from 'sanitize-html';
import { sanitizedDescription, sanitizedHtmlToText } from '../../src/domain/description.js';
import { CORPUS_DIR } from '../../src/evaluation/corpus-files.js';
import { FIXTURES } from '../fixtures.js';

/**
 * The reference: sanitize-html with the allowlist descriptions had while sanitize-html sanitized them.
 * Stored descriptions and their content hashes came from it, so the parser's own sanitizer must write
 * byte for byte what it wrote, and the text the parser reads must be the text of that HTML.
 */
const REFERENCE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'h1', 'h2', 'span'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

function assertSameAsReference(html: string, label: string): void {
  const expected = sanitizeHtml(html, REFERENCE_OPTIONS);
  const actual = sanitizedDescription(html);
  assert.equal(actual.html, expected, `html of ${label}: ${JSON.stringify(html.slice(0, 300))}`);
  assert.equal(actual.text, sanitizedHtmlToText(expected), `text of ${label}: ${JSON.stringify(html.slice(0, 300))}`);
}

/** Every string in a JSON document (descriptions, titles, whole bodies of nested JSON). */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const entry of value) strings(entry, into);
  else if (value && typeof value === 'object') for (const entry of Object.values(value)) strings(entry, into);
  return into;
}

function filesUnder(folder: string, extension: RegExp): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => extension.test(file) && !file.endsWith('biome.json'))
    .sort()
    .map((file) => join(folder, file));
}

/** A small seeded generator (mulberry32), so every run checks the same inputs and a failure repeats. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = [
  ...(sanitizeHtml.defaults.allowedTags as string[]),
  ...['script', 'style', 'iframe', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed', 'noframes', 'plaintext', 'title'],
  ...['svg', 'math', 'img', 'input', 'form', 'object', 'embed', 'template', 'html', 'head', 'body', 'meta', 'link', 'base', 'font'],
  ...['SCRIPT', 'ScRiPt', 'A', 'P', 'LI', 'Br', 'x-custom', 'foreignObject', 'desc', 'mi', 'image'],
];
const HREFS = [
  'https://ok.example/path?a=1&b=2',
  'HTTP://OK.EXAMPLE',
  'mailto:jobs@acme.example',
  '/relative/path',
  '#anchor',
  '',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' java\tscript:alert(1)',
  'java&#x09;script:alert(1)',
  'jav<!-- x -->ascript:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD4=',
  'vbscript:msgbox(1)',
  '//evil.example',
  '\\\\evil.example',
  ' //evil.example',
  'tel:+6512345678',
  'ftp://files.example',
  'https://ok.example/"><script>alert(1)</script>',
];
const ATTRIBUTES = [
  () => ` href="${pick(HREFS)}"`,
  () => ` href='${pick(HREFS)}'`,
  () => ` HREF=${pick(HREFS).replace(/[\s>]/g, '')}`,
  () => ' href',
  () => ' title="Say &quot;hi&quot; & <wave>"',
  () => " title='it''s'",
  () => ' title=""',
  () => ' onclick="alert(1)"',
  () => ' onerror=alert(1)',
  () => ' style="background:url(javascript:alert(1))"',
  () => ' class="x"',
  () => ' src="x"',
  () => ' data-x="1"',
  () => ' 1="one"',
  () => ' a"b="c"',
  () => ' /',
];
const TEXTS = [
  'Build',
  ' things ',
  'Pay & perks',
  'AT&T',
  '5 < 6 > 4',
  '&amp;',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;lt;p&amp;gt;',
  '&nbsp;',
  '&#x3c;b&#x3e;',
  '&#60;',
  '&copy 2026',
  '&notanentity;',
  '&#0;',
  '\n',
  '\r\n',
  '\t \t',
  '  ',
  '\u00a0',
  '\u2003',
  '"quoted" \'single\'',
  'ünïcode ☕',
  '3–5 years',
];
const MARKUP = [
  '<!-- comment -->',
  '<!-- <script>alert(1)</script> -->',
  '<!--',
  '-->',
  '<![CDATA[ <b>cdata</b> ]]>',
  '<!DOCTYPE html>',
  '<?xml version="1.0"?>',
  '</ p>',
  '<>',
  '< p>',
  '</>',
  '<',
  '>',
  '</br>',
  '</p>',
  '<p/>',
  '<br/>',
  '<a href="https://ok.example">',
  '<ul><li>one<li>two</ul>',
  '<ol><li><ul><li>nested</li></ul></li></ol>',
  '<table><tr><td>a<td>b</table>',
];

let random = seeded(15);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** A fragment of HTML made of tags (opened, closed, self-closed, left open), attributes, text, entities and oddities. */
function generatedHtml(): string {
  let html = '';
  const pieces = 1 + Math.floor(random() * 40);
  for (let piece = 0; piece < pieces; piece++) {
    const roll = random();
    if (roll < 0.3) {
      let attributes = '';
      while (random() < 0.35) attributes += pick(ATTRIBUTES)();
      html += `<${pick(TAGS)}${attributes}${random() < 0.1 ? '/' : ''}${random() < 0.03 ? '' : '>'}`;
    } else if (roll < 0.5) html += `</${pick(TAGS)}>`;
    else if (roll < 0.85) html += pick(TEXTS);
    else html += pick(MARKUP);
  }
  return html;
}

test('the descriptions of every parser fixture sanitize to what sanitize-html makes of them, text included', () => {
  let checked = 0;
  for (const file of filesUnder(FIXTURES, /\.(json|html|xml)$/)) {
    const body = readFileSync(file, 'utf8');
    const samples = file.endsWith('.json') ? strings(JSON.parse(body)) : [body];
    for (const jsonLd of body.matchAll(/"description"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) samples.push(JSON.parse(`"${jsonLd[1]}"`));
    for (const sample of samples) {
      assertSameAsReference(sample, file);
      checked++;
    }
  }
  assert.ok(checked > 300, `${checked} samples`);
});

test('every text of the extraction corpus sanitizes to what sanitize-html makes of it', () => {
  let checked = 0;
  for (const file of filesUnder(CORPUS_DIR, /\.json$/)) {
    for (const sample of strings(JSON.parse(readFileSync(file, 'utf8')))) {
      assertSameAsReference(sample, file);
      checked++;
    }
  }
  assert.ok(checked > 1000, `${checked} samples`);
});

test('XSS vectors come out as sanitize-html makes them: no script, style, iframe, handler or unsafe link', () => {
  const vectors = [
    '<p>Hi</p><script>steal(document.cookie)</script><style>p{color:red}</style>',
    '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>">',
    '<img src=x onerror=alert(1)><svg onload=alert(1)><body onload=alert(1)>',
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a><a href=" &#14;  javascript:alert(1)">y</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a><a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="//evil.example">pr</a><a href="\\\\evil.example">bs</a><a href="https://ok.example" title="&quot;><script>">ok</a>',
    '<textarea><script>alert(1)</script></textarea><option><b>x</b></option><xmp><img src=x onerror=alert(1)></xmp>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<math><mi><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mi></math>',
    '<svg><style><img src=x onerror=alert(1)></style></svg><select><style><img src=x onerror=alert(1)></style></select>',
    '<!--><script>alert(1)</script>--><![CDATA[<script>alert(1)</script>]]>',
    '<p>unclosed <b>bold <i>italic <a href="https://ok.example">link',
    '<ul><li>one<ul><li>two<ol><li>three</ul></li></ol>',
    '<div style="background:url(javascript:alert(1))" class="x" id="y">styled</div>',
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; &#60;i&#62;',
    '<plaintext><script>alert(1)</script>',
    '<title><script>alert(1)</script></title><template><script>alert(1)</script></template>',
  ];
  for (const html of vectors) {
    assertSameAsReference(html, 'xss vector');
    const { html: clean } = sanitizedDescription(html);
    assert.doesNotMatch(clean, /<(script|style|iframe|img|svg|textarea|option|xmp|math|noscript|plaintext|title|template)\b/i, html);
    assert.doesNotMatch(clean, /\son\w+=|javascript:|data:|style=|href="\/\//i, html);
  }
});

test('4,000 generated fragments of odd and hostile HTML sanitize to what sanitize-html makes of them', () => {
  random = seeded(15);
  for (let sample = 0; sample < 4000; sample++) assertSameAsReference(generatedHtml(), `generated #${sample}`);
});
