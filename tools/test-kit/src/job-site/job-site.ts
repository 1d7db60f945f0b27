import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_JOBS, type SiteJob } from './catalogue.js';
import * as pages from './pages.js';
import { verifyTotp } from './totp.js';

/** Name of the session cookie the site sets after a login. */
export const SESSION_COOKIE = 'jb_session';

/** Options of the test job site. */
export interface JobSiteOptions {
  /** 0 (default) picks a free port; the site listens on 127.0.0.1 only. */
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
  /** Base32 TOTP secret; when set, a correct password leads to a one-time-code step. */
  readonly totpSecret?: string;
  /**
   * The time one-time codes are checked against, in epoch milliseconds (default: the real time). A test
   * that moves the client's clock by hand passes the same clock, as a real site and a real phone share
   * the real time.
   */
  readonly otpClock?: () => number;
  /** Lifetime of a session cookie (default one hour). */
  readonly sessionTtlSeconds?: number;
  readonly jobs?: readonly SiteJob[];
}

/** One application form the site accepted. */
export interface Submission {
  readonly reference: string;
  readonly jobId: string;
  readonly username: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly resume: { readonly name: string; readonly size: number };
  readonly submittedAt: string;
}

/** Switches tests flip to make the site fail in realistic ways. */
export interface SiteBehaviour {
  /** `changed`: the login form's controls are renamed. */
  loginPage: 'standard' | 'changed';
  /** Every page answers 503 (an outage). */
  outage: boolean;
}

/** A running test site. */
export interface JobSite {
  readonly url: string;
  readonly jobs: readonly SiteJob[];
  readonly behaviour: SiteBehaviour;
  /** Every accepted application, in order. */
  readonly submissions: readonly Submission[];
  /** Usernames of login attempts and whether the password was right (never the password). */
  readonly loginAttempts: readonly { readonly username: string; readonly ok: boolean }[];
  /** Accepted applications for one posting. */
  submissionsFor(jobId: string): Submission[];
  /** Ends every session on the server side (the cookies the browser holds stop working). */
  expireSessions(): void;
  /** Creates a session without the login form (for tests and benches that are not about logging in). */
  issueSession(): { name: string; value: string; expiresAt: Date };
  close(): Promise<void>;
}

interface Session {
  readonly username: string;
  readonly expiresAt: number;
}

function readCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) cookies.set(name, value.join('='));
  }
  return cookies;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeNext(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

/**
 * Starts a small, realistic job site on 127.0.0.1: login (optionally with TOTP), an expiring session
 * cookie, postings with an apply form (text fields, a select, a file upload, screening questions), a
 * confirmation page, and ways to fail (wrong password, expired session, server error, changed forms).
 */
export async function startJobSite(options: JobSiteOptions = {}): Promise<JobSite> {
  const username = options.username ?? 'ada';
  const password = options.password ?? 'correct horse battery staple';
  const ttlMs = (options.sessionTtlSeconds ?? 3600) * 1000;
  const otpNow = options.otpClock ?? Date.now;
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const sessions = new Map<string, Session>();
  const pendingOtp = new Map<string, number>();
  const submissions: Submission[] = [];
  const loginAttempts: { username: string; ok: boolean }[] = [];
  const behaviour: SiteBehaviour = { loginPage: 'standard', outage: false };

  const newSession = (user: string) => {
    const value = randomBytes(24).toString('hex');
    const expiresAt = Date.now() + ttlMs;
    sessions.set(value, { username: user, expiresAt });
    return { name: SESSION_COOKIE, value, expiresAt: new Date(expiresAt) };
  };
  const currentUser = (request: IncomingMessage): string | undefined => {
    const session = sessions.get(readCookies(request).get(SESSION_COOKIE) ?? '');
    return session && session.expiresAt > Date.now() ? session.username : undefined;
  };
  const send = (response: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
  };
  const redirect = (response: ServerResponse, location: string, cookies: string[] = []) => {
    response.writeHead(303, { location, 'set-cookie': cookies }).end();
  };
  const signIn = (response: ServerResponse, next: string) => {
    const session = newSession(username);
    redirect(response, safeNext(next), [
      `${SESSION_COOKIE}=${session.value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(ttlMs / 1000)}`,
      'jb_pending=; Path=/; Max-Age=0',
    ]);
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (behaviour.outage) return send(response, 503, pages.serverErrorPage());
    if (request.method === 'GET' && (path === '/' || path === '/jobs')) return send(response, 200, pages.jobListPage(jobs));
    if (request.method === 'GET' && path === '/login')
      return send(response, 200, pages.loginPage(safeNext(url.searchParams.get('next')), behaviour.loginPage));
    if (request.method === 'POST' && path === '/login') {
      const form = new URLSearchParams((await readBody(request)).toString('utf8'));
      const next = safeNext(form.get('next'));
      const ok = form.get('username') === username && form.get('password') === password;
      loginAttempts.push({ username: form.get('username') ?? '', ok });
      if (!ok) return send(response, 401, pages.loginPage(next, behaviour.loginPage, 'Invalid username or password.'));
      if (!options.totpSecret) return signIn(response, next);
      const pending = randomBytes(16).toString('hex');
      pendingOtp.set(pending, Date.now() + 5 * 60_000);
      return redirect(response, `/login/otp?next=${encodeURIComponent(next)}`, [`jb_pending=${pending}; Path=/; HttpOnly; SameSite=Lax`]);
    }
    if (path === '/login/otp') {
      const pendingUntil = pendingOtp.get(readCookies(request).get('jb_pending') ?? '') ?? 0;
      if (pendingUntil < Date.now()) return redirect(response, '/login');
      if (request.method === 'GET') return send(response, 200, pages.otpPage(safeNext(url.searchParams.get('next'))));
      const form = new URLSearchParams((await readBody(request)).toString('utf8'));
      if (!verifyTotp(options.totpSecret ?? '', form.get('otp') ?? '', otpNow())) {
        return send(response, 401, pages.otpPage(safeNext(form.get('next')), 'That code is not valid.'));
      }
      pendingOtp.delete(readCookies(request).get('jb_pending') ?? '');
      return signIn(response, form.get('next') ?? '/dashboard');
    }
    if (path === '/logout') return redirect(response, '/login', [`${SESSION_COOKIE}=; Path=/; Max-Age=0`]);

    const user = currentUser(request);
    if (path === '/dashboard')
      return user ? send(response, 200, pages.dashboardPage(user)) : redirect(response, `/login?next=${encodeURIComponent(path)}`);
    const match = /^\/jobs\/([a-z0-9-]+)(\/apply)?$/.exec(path);
    const job = jobs.find((candidate) => candidate.id === match?.[1]);
    if (!match || !job) return send(response, 404, pages.notFoundPage());
    if (!match[2]) return send(response, 200, pages.jobPage(job, `http://${request.headers.host ?? '127.0.0.1'}`));
    if (!user) return redirect(response, `/login?next=${encodeURIComponent(path)}`);
    if (request.method === 'GET') return send(response, 200, pages.applyPage(job));
    if (job.behaviour === 'server-error') return send(response, 500, pages.serverErrorPage());
    return acceptApplication(request, response, job, user);
  }

  async function acceptApplication(request: IncomingMessage, response: ServerResponse, job: SiteJob, user: string): Promise<void> {
    const body = await readBody(request);
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: Uint8Array.from(body),
    }).formData();
    const names = job.behaviour === 'changed' ? pages.FORM_FIELDS.changed : pages.FORM_FIELDS.standard;
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
    const resume = form.get(names.resume);
    const required = [names.firstName, names.lastName, names.email, names.country, ...job.questions.map((question) => `q-${question.id}`)];
    const missing = required.filter((name) => !fields[name]?.trim());
    if (missing.length > 0 || !(resume instanceof Blob) || resume.size === 0) {
      return send(
        response,
        422,
        pages.applyPage(
          job,
          `Please complete: ${[...missing, ...(resume instanceof Blob && resume.size > 0 ? [] : [names.resume])].join(', ')}`,
        ),
      );
    }
    const reference = `APP-${String(submissions.length + 1).padStart(5, '0')}`;
    submissions.push({
      reference,
      jobId: job.id,
      username: user,
      fields,
      resume: { name: (resume as File).name, size: resume.size },
      submittedAt: new Date().toISOString(),
    });
    send(response, 200, pages.confirmationPage(job, reference));
  }

  const server = createServer((request, response) => {
    route(request, response).catch(() => send(response, 500, pages.serverErrorPage()));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    jobs,
    behaviour,
    submissions,
    loginAttempts,
    submissionsFor: (jobId) => submissions.filter((submission) => submission.jobId === jobId),
    expireSessions: () => sessions.clear(),
    issueSession: () => newSession(username),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
