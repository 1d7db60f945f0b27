import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import type { FetchedPage, PageFetcher } from '../../src/ports/page-fetcher.js';
import { resolveSource, type SourceResolution } from '../../src/use-cases/source-discovery.js';

/**
 * Discovery over the labelled list (test/fixtures/source-discovery/labelled-urls.json): every URL is
 * resolved as `POST /sources/resolve` would, its page (if the resolver asks for it) served from the
 * list's HTML files, and the answer compared with the label. At least 95% must be right; the misses are printed.
 */

interface Labelled {
  readonly url: string;
  readonly expect: 'not-recognized' | { source: string; board?: string; keywords?: string; location?: string };
  readonly page?: string;
  readonly status?: number;
  readonly contentType?: string;
  readonly redirectTo?: string;
}

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'source-discovery');
const labelled = (JSON.parse(readFileSync(join(fixtures, 'labelled-urls.json'), 'utf8')) as { urls: Labelled[] }).urls;

/** Serves each labelled URL's page as the list describes it; a URL with no page answers 404. */
class LabelledPages implements PageFetcher {
  readonly requested: string[] = [];
  async fetchPage(url: string): Promise<FetchedPage> {
    this.requested.push(url);
    const entry = labelled.find((candidate) => new URL(candidate.url).href === url);
    const body = entry?.page ? readFileSync(join(fixtures, 'pages', entry.page), 'utf8') : '<!doctype html><title>x</title>';
    return {
      url: entry?.redirectTo ?? url,
      status: entry?.status ?? (entry?.page || entry?.redirectTo || entry?.contentType ? 200 : 404),
      contentType: entry?.contentType ?? 'text/html',
      body,
    };
  }
}

const dir = tempDir('crm-api-discovery-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
after(async () => {
  await ports.close();
  dir.remove();
});

function verdict(entry: Labelled, answer: SourceResolution): string | undefined {
  if (entry.expect === 'not-recognized')
    return answer.status === 'not-recognized'
      ? undefined
      : `expected not recognized, got ${answer.status} ${answer.source} ${answer.board ?? ''}`;
  if (answer.status === 'not-recognized')
    return `expected ${entry.expect.source} ${entry.expect.board ?? ''}, got not recognized: ${answer.reason}`;
  const got = { source: answer.source, board: answer.board, keywords: answer.keywords, location: answer.location };
  const wanted = { board: undefined, keywords: undefined, location: undefined, ...entry.expect };
  return JSON.stringify(got) ===
    JSON.stringify({ source: wanted.source, board: wanted.board, keywords: wanted.keywords, location: wanted.location })
    ? undefined
    : `expected ${JSON.stringify(entry.expect)}, got ${JSON.stringify(got)}`;
}

test('the labelled list covers every ATS, MCF, USAJOBS, JSON-LD pages and unknown pages with at least 150 URLs', () => {
  assert.ok(labelled.length >= 150, `${labelled.length} URLs`);
  const sources = new Set(labelled.map((entry) => (entry.expect === 'not-recognized' ? entry.expect : entry.expect.source)));
  for (const source of [
    'greenhouse',
    'lever',
    'workday',
    'smartrecruiters',
    'ashby',
    'recruitee',
    'workable',
    'personio',
    'mcf',
    'usajobs',
    'jsonld',
    'not-recognized',
  ])
    assert.ok(sources.has(source), `no ${source} URL in the list`);
});

test('at least 95% of the labelled URLs resolve to the labelled source and board', async () => {
  const pages = new LabelledPages();
  const misses: string[] = [];
  for (const entry of labelled) {
    const answer = await resolveSource({ tables: ports.tables, pages }, { url: entry.url });
    const miss = verdict(entry, answer);
    if (miss) misses.push(`${entry.url}: ${miss}`);
  }
  const accuracy = (labelled.length - misses.length) / labelled.length;
  console.log(`source discovery: ${labelled.length - misses.length}/${labelled.length} right (${(accuracy * 100).toFixed(1)}%)`);
  for (const miss of misses) console.log(`  miss: ${miss}`);
  assert.ok(accuracy >= 0.95, `${(accuracy * 100).toFixed(1)}% right; misses:\n${misses.join('\n')}`);
  // URL patterns come first: a URL whose shape names its board is answered without reading its page.
  assert.ok(!pages.requested.includes('https://jobs.lever.co/northwind'), 'read the page of a URL that names its board');
});
