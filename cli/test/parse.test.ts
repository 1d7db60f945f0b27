import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { Command } from 'commander';
import { register as registerParse } from '../src/commands/parse.js';
import { register as registerReparse } from '../src/commands/reparse.js';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');
const fixtures = join(repoRoot, 'services', 'parser', 'test', 'fixtures');
const dir = tempDir('jobpipe-cli-parse-');
after(() => dir.remove());
// The in-process commands read the data folder from the environment, as the CLI does.
process.env.JOBPIPE_DATA_DIR = dir.path;
process.env.JOBPIPE_TRANSPORT = 'embedded';

/** Runs `jobpipe <args>` as a user would; never rejects, returns the exit code and both streams. */
async function jobpipe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli', 'src', 'main.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, JOBPIPE_DATA_DIR: dir.path, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'silent' },
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs one command in this process (fast), capturing what it prints and the exit code it sets. */
async function inProcess(
  register: (program: Command) => void,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('jobpipe').exitOverride();
  register(program);
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => err.push(parts.join(' '));
  process.exitCode = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
    console.error = error;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Each fixture, what `jobpipe parse` is given, and the job ids it must print. */
const CASES: { file: string; args: string[]; jobIds: string[] }[] = [
  {
    file: 'mcf/search-3results.json',
    args: [],
    jobIds: ['mcf:c50222fb764dbabbff2d5160d8d3a0ea', 'mcf:83d94ac7ffcd606ab539dc7618d383bc', 'mcf:9377e84fe7fc747523accda826452caf'],
  },
  { file: 'mcf/job-detail-data-engineer.json', args: ['--source', 'mcf'], jobIds: ['mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b'] },
  { file: 'mcf/job-detail-agency-no-years.json', args: [], jobIds: ['mcf:9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49'] },
  { file: 'usajobs/search-2items.json', args: [], jobIds: ['usajobs:437787500', 'usajobs:437080900'] },
  {
    file: 'greenhouse/board-jobs-content.json',
    args: ['--source', 'greenhouse'],
    jobIds: ['greenhouse:6136160004', 'greenhouse:5999792004'],
  },
  {
    file: 'lever/postings-mode-json.json',
    args: [],
    jobIds: ['lever:5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69', 'lever:0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d'],
  },
  {
    file: 'jsonld/single-posting.html',
    args: ['--url', 'https://careers.acme-analytics.example/jobs/ml-engineer-4411'],
    jobIds: ['jsonld:4411'],
  },
  { file: 'jsonld/several-postings-remote.html', args: ['--source', 'jsonld'], jobIds: ['jsonld:SRE-118', 'jsonld:QD-207'] },
  {
    file: 'jsonld/salary-in-description.html',
    args: ['--url', 'https://harbourcity.example/jobs/hcc-2026-031'],
    jobIds: ['jsonld:HCC-2026-031'],
  },
];

test('parse prints every fixture as a JSON array of normalized jobs', async () => {
  const results: { code: number; stdout: string; stderr: string }[] = [];
  for (const entry of CASES) results.push(await inProcess(registerParse, 'parse', join(fixtures, entry.file), ...entry.args));
  CASES.forEach((entry, i) => {
    const { code, stdout, stderr } = results[i]!;
    assert.equal(code, 0, `${entry.file}: ${stderr}`);
    const jobs = JSON.parse(stdout) as { jobId: string; contentHash: string; descriptionText: string }[];
    assert.ok(Array.isArray(jobs), entry.file);
    // A posting without its own identifier gets a stable hash id: only its prefix is known beforehand.
    assert.deepEqual(
      jobs.map((job) => (entry.jobIds.includes(job.jobId) ? job.jobId : job.jobId.replace(/^jsonld:[a-f0-9]{24}$/, 'jsonld:'))),
      entry.jobIds,
      entry.file,
    );
  });
  const [lever] = JSON.parse(results[5]!.stdout) as { company: string; salary: { annualMax: number } }[];
  assert.equal(lever!.company, 'Northwind');
  assert.equal(lever!.salary.annualMax, 210000);
});

test('jobpipe parse (the real command) exits 1 with the reason on stderr when the file holds no posting', async () => {
  const noPosting = await jobpipe('parse', join(fixtures, 'jsonld/no-posting.html'));
  assert.equal(noPosting.code, 1);
  assert.equal(noPosting.stdout, '');
  assert.match(
    noPosting.stderr,
    /NO_POSTING: page has no schema\.org JobPosting among its 2 JSON-LD block\(s\) \(types: Organization, WebSite\)/,
  );

  const wrongSource = await inProcess(registerParse, 'parse', join(fixtures, 'usajobs/search-2items.json'), '--source', 'lever');
  assert.equal(wrongSource.code, 1);
  assert.match(wrongSource.stderr, /USAJOBS search response, not a lever posting/);
});

test('jobpipe reparse re-parses stored raw bodies through the upsert path, once', async () => {
  const scraper = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scraper');
  const body = readFileSync(join(fixtures, 'mcf/job-detail-data-engineer.json'));
  const hash = createHash('sha256').update(body).digest('hex');
  await scraper.blobs.put(`raw/mcf/4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b/${hash}.json`, body);
  await scraper.blobs.put(`raw/lever/broken/${'0'.repeat(64)}.json`, '{"id": "broken", "text": "Eng');
  await scraper.close();

  const first = await jobpipe('reparse', '--since', '2026-01-01');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /re-parsed 2 raw bodies: 1 new, 0 updated, 0 unchanged, 0 stale, 1 rejected/);
  assert.match(first.stderr, /rejected raw\/lever\/broken\/0+\.json: JSON_TRUNCATED/);

  const again = await inProcess(registerReparse, 'reparse', '--source', 'mcf');
  assert.match(again.stdout, /re-parsed 1 raw bodies: 0 new, 0 updated, 1 unchanged/);

  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scheduler');
  const job = await ports.tables.get('jobs', { jobId: 'mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b' });
  const parsedEvents = await ports.consumer('etl').receive(10, 0);
  await ports.close();
  assert.equal(job?.title, 'Senior Data Engineer');
  assert.equal(parsedEvents.length, 1, 'one job.parsed for the new job, none for the unchanged re-parse');

  const badDate = await inProcess(registerReparse, 'reparse', '--since', 'yesterday-ish');
  assert.equal(badDate.code, 1);
  assert.match(badDate.stderr, /--since 'yesterday-ish' is not a date/);
});

test('jobpipe reparse names the fields an extractor change altered, with examples', async () => {
  // The job stored by the test above, made to look like an older parser's reading of the same body.
  const jobId = 'mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b';
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  const stored = await ports.tables.get('jobs', { jobId });
  assert.ok(stored && stored.skills.length > 1, 'the first reparse test stored the job with skills');
  const [dropped, ...kept] = stored.skills;
  await ports.tables.put('jobs', { ...stored, title: 'Data Engineer', skills: [...kept, 'COBOL'], contentHash: '0'.repeat(64) });
  await ports.close();

  const report = await inProcess(registerReparse, 'reparse', '--source', 'mcf');
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /re-parsed 1 raw bodies: 0 new, 1 updated, 0 unchanged/);
  assert.match(report.stdout, /title\s*│\s*1\s*│\s*mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b: "Data Engineer" → "Senior Data Engineer"/);
  assert.match(report.stdout, new RegExp(`skills\\s*│\\s*1\\s*│\\s*${jobId}: \\+${dropped} −COBOL`));
  assert.doesNotMatch(report.stdout, /contentHash|lastSeenAt/, 'bookkeeping fields are not reported');

  const again = await inProcess(registerReparse, 'reparse', '--source', 'mcf');
  assert.match(again.stdout, /0 updated, 1 unchanged/);
  assert.doesNotMatch(again.stdout, /jobs changed/, 'no table when nothing was updated');

  const badCount = await inProcess(registerReparse, 'reparse', '--examples', 'some');
  assert.equal(badCount.code, 1);
  assert.match(badCount.stderr, /--examples 'some' is not a whole number/);
});

test('jobpipe reparse --dry-run names the fields that would change and changes nothing', async () => {
  // The job the tests above stored, made to look like an older parser's reading of its body again.
  const jobId = 'mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b';
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  const stored = await ports.tables.get('jobs', { jobId });
  assert.ok(stored, 'the reparse tests above stored the job');
  const older = { ...stored, title: 'Data Engineer', contentHash: '1'.repeat(64) };
  await ports.tables.put('jobs', older);
  const parsedBefore = ports.bus.publishedEvents('job.parsed').length;
  await ports.close();

  const dry = await inProcess(registerReparse, 'reparse', '--source', 'mcf', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /dry run, nothing written: re-parsing 1 raw bodies would give 0 new, 1 updated, 0 unchanged/);
  assert.match(dry.stdout, /title\s*│\s*1\s*│\s*mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b: "Data Engineer" → "Senior Data Engineer"/);

  const after = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  assert.deepEqual(await after.tables.get('jobs', { jobId }), older, 'the stored job is as it was');
  assert.equal(after.bus.publishedEvents('job.parsed').length, parsedBefore, 'no job.parsed was published');
  await after.close();

  // Run for real, the same change is made and the dry run then finds nothing left to change.
  const real = await inProcess(registerReparse, 'reparse', '--source', 'mcf');
  assert.match(real.stdout, /re-parsed 1 raw bodies: 0 new, 1 updated/);
  const settled = await inProcess(registerReparse, 'reparse', '--source', 'mcf', '--dry-run');
  assert.match(settled.stdout, /would give 0 new, 0 updated, 1 unchanged/);
});
