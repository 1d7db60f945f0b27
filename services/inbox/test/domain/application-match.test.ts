import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCRAPE_SOURCES } from '@jobpipe/contracts';
import { type ApplicationCandidate, ATS_DOMAINS, atsOf, matchApplication, organisationLabel } from '../../src/domain/application-match.js';

const northwind: ApplicationCandidate = {
  jobId: 'greenhouse:4021',
  title: 'Senior Data Engineer',
  company: 'Northwind Analytics',
  canonicalUrl: 'https://boards.greenhouse.io/northwind/jobs/4021',
};
const kestrel: ApplicationCandidate = {
  jobId: 'lever:9c1e',
  title: 'Backend Engineer',
  company: 'Kestrel Payments Ltd',
  canonicalUrl: 'https://jobs.lever.co/kestrel/9c1e',
};
const quayside: ApplicationCandidate = {
  jobId: 'jsonld:quayside-analyst',
  title: 'Data Analyst',
  company: 'Quayside',
  canonicalUrl: 'https://careers.quayside.co.uk/jobs/analyst',
};
const candidates = [northwind, kestrel, quayside];

describe('matchApplication', () => {
  it('knows the mail and posting domains of every ATS jobpipe reads (the job boards and plain pages are not ATSs)', () => {
    const boards = new Set(['mcf', 'usajobs', 'jsonld']);
    for (const source of SCRAPE_SOURCES.filter((name) => !boards.has(name))) assert.ok(ATS_DOMAINS[source], `${source} has its domains`);
    assert.equal(atsOf('lindenhof-software.jobs.personio.de'), 'personio');
    assert.equal(atsOf('tidewater-analytics.recruitee.com'), 'recruitee');
  });

  it('matches ATS mail by the company named in it, with the ATS and the title as further signals', () => {
    const match = matchApplication(
      {
        from: { address: 'no-reply@us.greenhouse-mail.io', name: 'Northwind Analytics' },
        subject: 'Your application for Senior Data Engineer',
        text: 'Thank you for applying.',
      },
      candidates,
    );
    assert.deepEqual(match, { jobId: 'greenhouse:4021', matchedBy: ['company-name', 'job-title', 'ats-sender'] });
  });

  it("matches a recruiter's own address by the company's domain", () => {
    const match = matchApplication(
      { from: { address: 'elena@kestrelpay.com' }, subject: 'Re: next steps', text: 'Are you free Thursday?' },
      candidates,
    );
    assert.deepEqual(match, { jobId: 'lever:9c1e', matchedBy: ['company-domain'] });
  });

  it('matches a company posting on its own site by the domain of the posting (co.uk and all)', () => {
    assert.equal(organisationLabel('mail.quayside.co.uk'), 'quayside');
    const match = matchApplication({ from: { address: 'talent@quayside.co.uk' }, subject: 'Hello', text: 'Hi' }, candidates);
    assert.equal(match?.jobId, 'jsonld:quayside-analyst');
  });

  it('follows the thread even when nothing else ties the reply to the job', () => {
    const match = matchApplication(
      { from: { address: 'someone@gmail.com' }, subject: 'Re: hello', text: 'Sounds good' },
      candidates,
      'lever:9c1e',
    );
    assert.deepEqual(match, { jobId: 'lever:9c1e', matchedBy: ['thread'] });
  });

  it('does not match by a title or an ATS alone, and leaves a tie unmatched', () => {
    assert.equal(
      matchApplication({ from: { address: 'no-reply@hire.lever.co' }, subject: 'Backend Engineer at Acme', text: 'Thanks' }, candidates),
      undefined,
    );
    const twoNorthwinds = [northwind, { ...northwind, jobId: 'greenhouse:5000', title: 'Platform Engineer' }];
    assert.equal(
      matchApplication(
        { from: { address: 'careers@northwind.io' }, subject: 'Update', text: 'An update from Northwind Analytics' },
        twoNorthwinds,
      ),
      undefined,
    );
  });
});
