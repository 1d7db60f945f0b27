import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardsOfSearches } from '../src/dataset.js';
import { companyOfBoard } from '../src/identity-pool.js';
import { startReplayServer } from '../src/server.js';

const NAMED = {
  greenhouse: ['vercel', 'bluefin-health'],
  lever: ['northwind'],
  ashby: ['fernwood-robotics'],
  recruitee: ['tidewater-analytics'],
  workable: ['marlow-biolabs'],
  personio: ['lindenhof-software'],
  workday: ['summit.wd5/Careers'],
  smartrecruiters: ['HarborviewClinics'],
} as const;

test('the boards of a config’s searches, per source: each once, in the order named; keyword searches name none', () => {
  const boards = boardsOfSearches([
    { source: 'greenhouse', boards: ['vercel', 'bluefin-health'] },
    { source: 'mcf' },
    { source: 'greenhouse', boards: ['bluefin-health', 'acme'] },
    { source: 'lever', boards: [] },
    { source: 'not-a-source', boards: ['x'] },
  ]);
  assert.deepEqual(boards, { greenhouse: ['vercel', 'bluefin-health', 'acme'] });
});

test('a board name becomes the company a person would name', () => {
  assert.equal(companyOfBoard('bluefin-health'), 'Bluefin Health');
  assert.equal(companyOfBoard('HarborviewClinics'), 'Harborview Clinics');
  assert.equal(companyOfBoard('summit.wd5/Careers'), 'Summit');
  assert.equal(companyOfBoard('vercel'), 'Vercel');
});

test('generated postings go onto the boards the searches name, for every source whose searches name boards', async () => {
  const postings = 8 * 11;
  const replay = await startReplayServer({ postings, includeRecordings: false, boards: NAMED });
  try {
    for (const [source, named] of Object.entries(NAMED)) {
      assert.deepEqual(replay.boards[source as keyof typeof NAMED], named, `${source} serves exactly the named boards`);
      assert.ok(replay.postings.filter((posting) => posting.source === source).length > 0, `${source} has generated postings`);
    }
    // Greenhouse's two boards share its postings, and a board's postings say the company the board stands for.
    const board = (await fetch(`${replay.baseUrls.greenhouse}/v1/boards/bluefin-health/jobs?content=true`).then((r) => r.json())) as {
      jobs: { company_name: string }[];
    };
    assert.ok(board.jobs.length > 0);
    for (const job of board.jobs) assert.equal(job.company_name, 'Bluefin Health');
  } finally {
    await replay.close();
  }
});

test('without named boards, generated postings go onto generated companies’ boards as before', async () => {
  const replay = await startReplayServer({ postings: 88, includeRecordings: false });
  try {
    assert.ok(!replay.boards.greenhouse?.includes('vercel'));
    assert.ok((replay.boards.greenhouse ?? []).length > 0);
  } finally {
    await replay.close();
  }
});

test('generated postings on a board with recordings name the employer the recordings name', async () => {
  const replay = await startReplayServer({ postings: 40, includeRecordings: true, boards: { workday: ['summit.wd5/Careers'] } });
  try {
    const site = `${replay.baseUrls.workday}/wday/cxs/summit/Careers`;
    const companies = new Set<string>();
    for (let offset = 0; ; offset += 20) {
      const page = (await fetch(`${site}/jobs`, { method: 'POST', body: JSON.stringify({ limit: 20, offset }) }).then((r) => r.json())) as {
        jobPostings: { externalPath: string }[];
      };
      for (const { externalPath } of page.jobPostings) {
        const detail = (await fetch(`${site}${externalPath}`).then((r) => r.json())) as { hiringOrganization: { name: string } };
        companies.add(detail.hiringOrganization.name);
      }
      if (page.jobPostings.length < 20) break;
    }
    assert.deepEqual([...companies], ['Summit Outfitters']);
  } finally {
    await replay.close();
  }
});
