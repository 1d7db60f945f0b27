import assert from 'node:assert/strict';
import { test } from 'node:test';
import sanitizeHtml from 'sanitize-html';
import { plainTextToHtml, tidyText, unescapeMarkup } from '../../src/domain/description.js';
import { htmlToText, sanitizeDescription, sanitizedHtmlToText } from '../../src/index.js';
import { fixtureBytes } from '../fixtures.js';

test('scripts, styles and their content are removed', () => {
  const html = '<p>Hello</p><script>steal(document.cookie)</script><style>p{color:red}</style><p>World</p>';
  assert.equal(sanitizeDescription(html), '<p>Hello</p><p>World</p>');
});

test('raw-text elements (xmp, noembed, noframes, plaintext) cannot smuggle markup through the sanitizer', () => {
  for (const tag of ['xmp', 'noembed', 'noframes', 'noscript', 'plaintext']) {
    const clean = sanitizeDescription(`<p>Role</p><${tag}></${tag}><img src=x onerror=evil()><script>evil()</script></${tag}>`);
    assert.doesNotMatch(clean, /<(img|script)\b/i, tag);
    assert.doesNotMatch(clean, /onerror/i, tag);
  }
});

test('event handler attributes are removed from every element', () => {
  const html =
    '<p onclick="evil()" onmouseover="evil()">Hi</p><img src="x" onerror="evil()"><a href="https://ok.example" onfocus="evil()">ok</a>';
  const clean = sanitizeDescription(html);
  assert.doesNotMatch(clean, /on(click|mouseover|error|focus)/i);
  assert.doesNotMatch(clean, /evil/);
  assert.match(clean, /<a href="https:\/\/ok\.example">ok<\/a>/);
});

test('javascript:, vbscript: and data: links lose their href, whatever their case or padding', () => {
  for (const href of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
  ]) {
    const clean = sanitizeDescription(`<a href="${href}">click</a>`);
    assert.equal(clean, '<a>click</a>', href);
  }
  assert.equal(sanitizeDescription('<a href="mailto:jobs@acme.example">mail</a>'), '<a href="mailto:jobs@acme.example">mail</a>');
});

test('iframes, forms, objects and inline styles are dropped; lists, headings and emphasis stay', () => {
  const html =
    '<h2 style="color:red">Role</h2><iframe src="https://evil.example"></iframe><form action="/x"><input name="q"></form>' +
    '<object data="x.swf"></object><ul><li><strong>Build</strong> things</li></ul>';
  assert.equal(sanitizeDescription(html), '<h2>Role</h2><ul><li><strong>Build</strong> things</li></ul>');
});

test('malformed markup is closed rather than passed through', () => {
  assert.equal(sanitizeDescription('<p>Open <b>bold'), '<p>Open <b>bold</b></p>');
  assert.equal(sanitizeDescription('<p>a</p><svg><script>evil()</script></svg>'), '<p>a</p>');
});

test('plain text: paragraphs and list items on their own lines, entities decoded, scripts skipped', () => {
  const html =
    '<h3>About</h3>\n<p>We build&nbsp;tools &amp; more.</p>\n<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul><script>x()</script><p>Line<br>break</p>';
  assert.equal(htmlToText(html), 'About\n\nWe build tools & more.\n\nOne\nTwo\n\nLine\nbreak');
});

test('text with no markup or entity character comes out of sanitizing as it went in, as sanitize-html returns it', () => {
  for (const text of ['', ' ', 'Build "fast" things; it\'s 100% fun!', 'line\nbreak\ttab\u00a0nbsp — ünïcode ☕']) {
    assert.equal(sanitizeDescription(text), text);
    assert.equal(sanitizeHtml(text, { disallowedTagsMode: 'discard' }), text);
  }
});

test('plain text: every whitespace run becomes one space, whatever it holds', () => {
  const html = '<p>a  b\tc \t d\u00a0e \u00a0\u00a0f\n g \r\n h</p><p> i\u2003j\u00a0 </p>';
  assert.equal(htmlToText(html), 'a b c d e f g h\n\ni j');
  assert.equal(sanitizedHtmlToText(sanitizeDescription(html)), 'a b c d e f g h\n\ni j');
  assert.equal(tidyText(' one \t\u00a0 two\f three  \n\n\n\n four '), 'one two three\n\nfour');
});

test('plain text is capped at 40,000 characters', () => {
  const text = htmlToText(`<p>${'word '.repeat(20_000)}</p>`);
  assert.equal(text.length, 40_000);
});

test('the fast text of sanitized HTML equals the parsed text, on every fixture description and on tricky markup', () => {
  const samples = [
    '<p>Pay &amp; perks: &lt;great&gt;</p><ul>\n<li>One</li>\n<li>Two &nbsp; three</li></ul><pre>keep</pre>',
    '<h2>Title</h2>text after<br>next line<table><tr><td>a</td><td>b</td></tr></table>',
    '<div><p>nested <a href="https://x.example" title="t">link</a> and <strong>bold</strong></p></div>',
  ];
  for (const file of ['mcf/job-detail-data-engineer.json', 'lever/postings-mode-json.json', 'greenhouse/board-jobs-content.json']) {
    const text = fixtureBytes(file).toString('utf8');
    for (const match of text.matchAll(/"(?:description|content|additional)":\s*"((?:[^"\\]|\\.)*)"/g))
      samples.push(JSON.parse(`"${match[1]}"`));
  }
  assert.ok(samples.length >= 8);
  for (const html of samples) {
    const sanitized = sanitizeDescription(html);
    assert.equal(sanitizedHtmlToText(sanitized), htmlToText(sanitized), html.slice(0, 60));
  }
});

test('plain text made into HTML is already sanitized, so it skips the sanitizing pass', () => {
  const texts = [
    'One line\nnext line\n\nA second paragraph',
    'Pay & perks: <great> "quoted" \'single\' a&amp;b &copy; &#x27;',
    '  \u00a0spaced\tout\r\nwindows lines\r\n\r\nand NBSP\u00a0 ',
    'script: <script>alert(1)</script> <a href="javascript:x">no</a>',
    '',
  ];
  for (const text of texts) {
    const html = plainTextToHtml(text);
    assert.equal(sanitizeDescription(html), html, JSON.stringify(text));
  }
  assert.equal(plainTextToHtml('a\nb\n\nc <d>'), '<p>a<br />b</p><p>c &lt;d&gt;</p>');
});

test('escaped descriptions are unescaped once or twice; real markup and escaped examples in it are left alone', () => {
  assert.equal(unescapeMarkup('&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;'), '<p>Hi &amp; bye</p>');
  assert.equal(unescapeMarkup('&amp;lt;p&amp;gt;Hi&amp;lt;/p&amp;gt;'), '<p>Hi</p>');
  assert.equal(unescapeMarkup('&LT;P&GT;Hi'), '<P>Hi');
  assert.equal(unescapeMarkup('<p>5 &lt; 6 &amp; 7 &gt; 2</p>'), '<p>5 &lt; 6 &amp; 7 &gt; 2</p>');
  assert.equal(
    unescapeMarkup('<p>Write &lt;b&gt; for bold</p><p>and</p><ul><li>more</li></ul>'),
    '<p>Write &lt;b&gt; for bold</p><p>and</p><ul><li>more</li></ul>',
  );
  assert.equal(unescapeMarkup('Plain text, nothing escaped'), 'Plain text, nothing escaped');
});
