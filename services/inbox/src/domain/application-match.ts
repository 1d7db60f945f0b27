/**
 * Which of the user's applications a message is about. The signals, strongest first:
 * - thread: the message answers (In-Reply-To / References) a message already matched to a job;
 * - company-domain: the sender's own domain names the company ("kestrelpay.com" for Kestrel Payments);
 * - company-name: the company's name appears in the sender's name, the subject or the body;
 * - job-title: the job's title appears in the subject or the body;
 * - ats-sender: the sender is the applicant tracking system the job was posted on (Greenhouse mail for a
 *   Greenhouse job): weak alone, since one ATS sends for thousands of companies.
 * A job needs the thread or a company signal to match; when two jobs score the same, the message is
 * left unmatched rather than guessed.
 */
import type { EmailMatchKind } from '@jobpipe/contracts';
import { domainOf, type EmailContent } from './email.js';

/** An application the user has made (or is about to): the job as the CRM and the parser know it. */
export interface ApplicationCandidate {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  /** Where the posting lives (the company's careers site, or the ATS board). */
  readonly canonicalUrl: string;
}

/** The job a message belongs to and what tied them. */
export interface ApplicationMatch {
  readonly jobId: string;
  readonly matchedBy: readonly EmailMatchKind[];
}

/** Applicant tracking systems: the domains they send mail from and host postings on. */
export const ATS_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  greenhouse: ['greenhouse-mail.io', 'greenhouse.io'],
  lever: ['lever.co'],
  workday: ['myworkday.com', 'myworkdayjobs.com', 'workday.com'],
  ashby: ['ashbyhq.com'],
  smartrecruiters: ['smartrecruiters.com'],
  icims: ['icims.com'],
  workable: ['workablemail.com', 'workable.com'],
  recruitee: ['recruitee.com'],
  personio: ['personio.de', 'personio.com'],
  jobvite: ['jobvite.com'],
  teamtailor: ['teamtailor.com', 'teamtailor-mail.com'],
};

const WEIGHTS: Readonly<Record<EmailMatchKind, number>> = {
  thread: 10,
  'company-domain': 4,
  'company-name': 3,
  'job-title': 3,
  'ats-sender': 1,
};

// Second-level labels under these are not the organisation's name ("co.uk", "com.sg").
const PUBLIC_SECOND_LEVELS = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu']);
// Words of a company name that say nothing about which company it is.
const COMPANY_SUFFIXES = /\b(inc|llc|ltd|limited|gmbh|corp|corporation|co|company|plc|pte|sa|ag|bv|group|holdings)\b\.?/g;

const isOnDomain = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);

/** The ATS a domain belongs to, if any. */
export function atsOf(domain: string): string | undefined {
  return Object.entries(ATS_DOMAINS).find(([, domains]) => domains.some((parent) => isOnDomain(domain, parent)))?.[0];
}

/** The label naming the organisation of a domain: "kestrelpay" of "mail.kestrelpay.com", "quayside" of "quayside.co.uk". */
export function organisationLabel(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return labels[0] ?? '';
  const second = labels[labels.length - 2]!;
  return PUBLIC_SECOND_LEVELS.has(second) && labels.length >= 3 ? labels[labels.length - 3]! : second;
}

/** Lower-case words of a text, joined by single spaces, punctuation dropped. */
function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const companyWords = (company: string) => words(company.toLowerCase().replace(COMPANY_SUFFIXES, ' '));
const contains = (haystack: string, needle: string) => needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function signalsFor(email: EmailContent, candidate: ApplicationCandidate, threadJobId: string | undefined): EmailMatchKind[] {
  const signals: EmailMatchKind[] = [];
  if (threadJobId === candidate.jobId) signals.push('thread');
  const senderDomain = domainOf(email.from.address);
  const senderAts = atsOf(senderDomain);
  const name = companyWords(candidate.company);
  const compactName = name.replace(/ /g, '');
  if (!senderAts && senderDomain) {
    const label = organisationLabel(senderDomain);
    const postingHost = hostOf(candidate.canonicalUrl);
    const postedOnOwnSite = postingHost !== '' && !atsOf(postingHost) && organisationLabel(postingHost) === label;
    if (postedOnOwnSite || (label.length >= 4 && (compactName.startsWith(label) || label.startsWith(compactName))))
      signals.push('company-domain');
  }
  const said = words(`${email.from.name ?? ''} ${email.subject} ${email.text}`);
  // Workday sends from <company>@myworkday.com: the local part names the company.
  const senderLocal = words(email.from.address.split('@')[0] ?? '').replace(/ /g, '');
  if (contains(said, name) || (senderAts && senderLocal.length >= 4 && compactName.startsWith(senderLocal))) signals.push('company-name');
  const title = words(candidate.title);
  if (title.split(' ').length >= 2 && contains(words(`${email.subject} ${email.text}`), title)) signals.push('job-title');
  if (senderAts && senderAts === atsOf(hostOf(candidate.canonicalUrl))) signals.push('ats-sender');
  return signals;
}

const scoreOf = (signals: readonly EmailMatchKind[]) => signals.reduce((sum, signal) => sum + WEIGHTS[signal], 0);
const isEnough = (signals: readonly EmailMatchKind[]) =>
  signals.includes('thread') || signals.includes('company-domain') || signals.includes('company-name');

/**
 * The application a message is about, or undefined when none (or more than one equally) fits.
 * `threadJobId` is the job of an earlier message of the same thread, if the inbox knows one.
 */
export function matchApplication(
  email: EmailContent,
  candidates: readonly ApplicationCandidate[],
  threadJobId?: string,
): ApplicationMatch | undefined {
  const scored = candidates
    .map((candidate) => ({ candidate, signals: signalsFor(email, candidate, threadJobId) }))
    .filter(({ signals }) => isEnough(signals))
    .map((entry) => ({ ...entry, score: scoreOf(entry.signals) }))
    .sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scored;
  if (!best || (runnerUp && runnerUp.score === best.score)) return undefined;
  return { jobId: best.candidate.jobId, matchedBy: best.signals };
}
