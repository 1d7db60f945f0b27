import type { ScreeningQuestion, SiteJob } from './catalogue.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A whole page around a body. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Jobboard</title>
<style>body{font-family:sans-serif;max-width:44rem;margin:2rem auto}label{display:block;margin-top:.8rem}
.login-error,.form-error{color:#b00020}fieldset{border:1px solid #ccc;margin-top:1rem}</style></head>
<body><header><a href="/jobs">Jobboard</a></header><main>${body}</main></body></html>`;
}

/** The login form; the `changed` variant renames every control, as a redesign would. */
export function loginPage(next: string, variant: 'standard' | 'changed', error?: string): string {
  const ids =
    variant === 'standard'
      ? { form: 'login-form', user: 'username', pass: 'password', submit: 'login-submit' }
      : { form: 'signin', user: 'email-address', pass: 'passphrase', submit: 'signin-button' };
  return page(
    'Sign in',
    `<h1>Sign in</h1>${error ? `<p class="login-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="${ids.form}" method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="${ids.user}">Username</label><input id="${ids.user}" name="username" autocomplete="username">
<label for="${ids.pass}">Password</label><input id="${ids.pass}" name="password" type="password" autocomplete="current-password">
<button id="${ids.submit}" type="submit">Sign in</button></form>`,
  );
}

/** The one-time-code step after a correct password. */
export function otpPage(next: string, error?: string): string {
  return page(
    'Verification code',
    `<h1>Enter your verification code</h1>${error ? `<p class="login-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="otp-form" method="post" action="/login/otp"><input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="otp">6-digit code from your authenticator app</label><input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code">
<button id="otp-submit" type="submit">Verify</button></form>`,
  );
}

/** The page a signed-in user lands on. */
export function dashboardPage(username: string): string {
  return page(
    'Dashboard',
    `<h1>Dashboard</h1><p>Signed in as <span id="account-name">${escapeHtml(username)}</span>.</p><p><a href="/jobs">Browse jobs</a> · <a href="/logout">Sign out</a></p>`,
  );
}

/** Every posting. */
export function jobListPage(jobs: readonly SiteJob[]): string {
  const items = jobs
    .map(
      (job) => `<li><a href="/jobs/${job.id}">${escapeHtml(job.title)}</a> — ${escapeHtml(job.company)}, ${escapeHtml(job.location)}</li>`,
    )
    .join('');
  return page('Jobs', `<h1>Jobs</h1><ul id="jobs">${items}</ul>`);
}

/** One posting with its apply link. */
export function jobPage(job: SiteJob, origin: string): string {
  const description = `${job.company} is hiring a ${job.title} (${job.location}). You will build and run data pipelines in Python and SQL with a small team.`;
  // The posting in schema.org's JobPosting shape, as job boards embed it for search engines (and jobpipe's jsonld source reads it).
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: job.title,
    description: `<p>${escapeHtml(description)}</p>`,
    datePosted: job.postedOn,
    url: `${origin}/jobs/${job.id}`,
    hiringOrganization: { '@type': 'Organization', name: job.company },
    ...(job.location === 'Remote'
      ? { jobLocationType: 'TELECOMMUTE' }
      : { jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: job.location } } }),
  };
  return page(
    job.title,
    `<script type="application/ld+json">${JSON.stringify(posting).replace(/</g, '\\u003c')}</script>
<h1 id="job-title">${escapeHtml(job.title)}</h1><p id="company">${escapeHtml(job.company)}</p><p>${escapeHtml(job.location)}</p>
<p>${escapeHtml(description)}</p><a id="apply-link" href="/jobs/${job.id}/apply">Apply</a>`,
  );
}

function questionField(question: ScreeningQuestion): string {
  const id = `q-${question.id}`;
  const control =
    question.kind === 'select'
      ? `<select id="${id}" name="q-${question.id}" required><option value="">Choose…</option>${(question.options ?? []).map((option) => `<option>${escapeHtml(option)}</option>`).join('')}</select>`
      : `<input id="${id}" name="q-${question.id}" required>`;
  return `<fieldset class="screening-question"><label for="${id}">${escapeHtml(question.label)}</label>${control}</fieldset>`;
}

/** Names of the apply form's controls in each form version. */
export const FORM_FIELDS = {
  standard: {
    firstName: 'first-name',
    lastName: 'last-name',
    email: 'email',
    phone: 'phone',
    country: 'country',
    resume: 'resume',
    submit: 'submit-application',
  },
  changed: {
    firstName: 'given-name',
    lastName: 'family-name',
    email: 'email-address',
    phone: 'mobile',
    country: 'residence',
    resume: 'cv',
    submit: 'send-application',
  },
} as const;

/** The apply form: text fields, a select, a file upload and the posting's screening questions. */
export function applyPage(job: SiteJob, error?: string): string {
  const f = job.behaviour === 'changed' ? FORM_FIELDS.changed : FORM_FIELDS.standard;
  const countries = ['Singapore', 'United States', 'United Kingdom', 'Other'].map((country) => `<option>${country}</option>`).join('');
  return page(
    `Apply: ${job.title}`,
    `<h1>Apply: ${escapeHtml(job.title)} at ${escapeHtml(job.company)}</h1>${error ? `<p class="form-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="apply-form" method="post" action="/jobs/${job.id}/apply" enctype="multipart/form-data">
<label for="${f.firstName}">First name</label><input id="${f.firstName}" name="${f.firstName}" required>
<label for="${f.lastName}">Last name</label><input id="${f.lastName}" name="${f.lastName}" required>
<label for="${f.email}">Email</label><input id="${f.email}" name="${f.email}" type="email" required>
<label for="${f.phone}">Phone</label><input id="${f.phone}" name="${f.phone}" type="tel">
<label for="${f.country}">Country of residence</label><select id="${f.country}" name="${f.country}" required><option value="">Choose…</option>${countries}</select>
<label for="${f.resume}">Resume</label><input id="${f.resume}" name="${f.resume}" type="file" accept=".pdf,.doc,.docx,.txt" required>
${job.questions.map(questionField).join('\n')}
<button id="${f.submit}" type="submit">Submit application</button></form>`,
  );
}

/** The confirmation shown after a recorded submission. */
export function confirmationPage(job: SiteJob, reference: string): string {
  return page(
    'Application received',
    `<h1>Thank you</h1><p id="confirmation">Your application for ${escapeHtml(job.title)} was received. Reference <strong id="reference">${reference}</strong>.</p>`,
  );
}

/** A server error page. */
export function serverErrorPage(): string {
  return page('Something went wrong', '<h1 id="server-error">Something went wrong</h1><p>Please try again later.</p>');
}

/** A plain not-found page. */
export function notFoundPage(): string {
  return page('Not found', '<h1>Not found</h1>');
}
