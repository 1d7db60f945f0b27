import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

test('an import chunk stores each valid row as an import job, then reports what it stored and each row it refused (nothing dead-lettered)', async () => {
  const rows = [
    {
      rowNumber: 2,
      row: {
        externalId: 'sheet-17',
        title: 'Data Engineer',
        company: 'Acme',
        url: 'https://acme.example/jobs/17',
        location: 'Singapore',
        description: 'Build pipelines in Python and Airflow.\n3+ years of experience required.',
        salaryMin: 7000,
        salaryMax: 9000,
        salaryCurrency: 'SGD',
        salaryPeriod: 'month',
        employmentType: 'Full-time',
        postedAt: '2026-07-01T00:00:00Z',
      },
    },
    { rowNumber: 3, row: { title: 'Analyst', company: 'Beta', url: 'https://beta.example/jobs/analyst', skills: ['Excel', 'SQL'] } },
    { rowNumber: 4, row: { title: 'No company', url: 'https://gamma.example/x' } },
  ];
  await stack.crm.blobs.put('imports/imp-1/chunk-0.json', JSON.stringify({ rows }));
  await stack.crm.publisher.publish([
    {
      detailType: 'import.chunk',
      data: {
        importId: 'imp-1',
        chunkIndex: 0,
        blobKey: 'imports/imp-1/chunk-0.json',
        rowCount: 3,
        firstRowNumber: 2,
        mode: 'incremental',
      },
    },
  ]);
  await stack.drain();

  const jobs = (await stack.jobs()).filter((job) => job.source === 'import');
  assert.equal(jobs.length, 2);
  const acme = jobs.find((job) => job.jobId === 'import:sheet-17')!;
  assert.deepEqual(acme.salary, {
    min: 7000,
    max: 9000,
    currency: 'SGD',
    period: 'month',
    annualMin: 84000,
    annualMax: 108000,
    basis: 'stated',
  });
  assert.deepEqual(acme.experienceYears, { min: 3, max: null });
  assert.deepEqual(acme.skills, ['Apache Airflow', 'Python']);
  assert.equal(acme.employmentType, 'full-time');
  assert.equal(acme.descriptionText, 'Build pipelines in Python and Airflow.\n3+ years of experience required.');
  const beta = jobs.find((job) => job.company === 'Beta')!;
  assert.match(beta.externalId, /^[a-f0-9]{32}$/, 'no externalId: a hash of the URL');
  assert.deepEqual(beta.skills, ['Excel', 'SQL']);

  assert.deepEqual(await stack.deadLetters(), []);
  const reports = stack.crm.bus.publishedEvents('import.chunk-loaded').map((event) => JSON.parse(event.body).detail.data);
  assert.equal(reports.length, 1);
  assert.deepEqual(
    { ...reports[0], rejectedRows: undefined },
    { importId: 'imp-1', chunkIndex: 0, rowCount: 3, stored: 2, rejectedRows: undefined },
  );
  assert.equal(reports[0].rejectedRows.length, 1);
  assert.equal(reports[0].rejectedRows[0].rowNumber, 4);
  assert.match(reports[0].rejectedRows[0].errors.join(), /company/);
  assert.equal((await stack.parsedEvents()).length, 2);
});

test('a chunk that cannot be read is reported with every row refused for that reason, so its import still ends (not dead-lettered)', async () => {
  await stack.crm.blobs.put('imports/imp-2/chunk-0.json', JSON.stringify({ lines: [] }));
  await stack.crm.publisher.publish([
    {
      detailType: 'import.chunk',
      data: { importId: 'imp-2', chunkIndex: 0, blobKey: 'imports/imp-2/chunk-0.json', rowCount: 3, firstRowNumber: 1001, mode: 'full' },
    },
  ]);
  await stack.drain();

  assert.deepEqual(await stack.deadLetters(), []);
  const report = stack.crm.bus
    .publishedEvents('import.chunk-loaded')
    .map((event) => JSON.parse(event.body).detail.data)
    .find((data) => data.importId === 'imp-2');
  assert.equal(report?.stored, 0);
  assert.deepEqual(
    report?.rejectedRows.map((row: { rowNumber: number }) => row.rowNumber),
    [1001, 1002, 1003],
  );
  assert.match(report?.rejectedRows[0].errors[0], /could not be read: .*has no "rows" array/);
});
