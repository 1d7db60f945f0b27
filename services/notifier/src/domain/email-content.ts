import { cockpitJobLink, type JobNotice, placeOf } from './job-notice.js';
import { headline, listedJobs, type Notification, testMessage, unlistedJobs } from './notification.js';

/** An email's subject and its plain-text and HTML bodies. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function jobText(job: JobNotice, cockpitUrl: string): string {
  const place = placeOf(job);
  return [
    `${job.title} at ${job.company} (score ${Math.round(job.score)})`,
    ...(place ? [place] : []),
    ...job.reasons.map((reason) => `- ${reason}`),
    `In jobpipe: ${cockpitJobLink(cockpitUrl, job.jobId)}`,
    `Posting: ${job.canonicalUrl}`,
  ].join('\n');
}

function jobHtml(job: JobNotice, cockpitUrl: string): string {
  const place = placeOf(job);
  const reasons = job.reasons.length ? `<ul>${job.reasons.map((reason) => `<li>${html(reason)}</li>`).join('')}</ul>` : '';
  return [
    `<h3><a href="${html(cockpitJobLink(cockpitUrl, job.jobId))}">${html(job.title)}</a> at ${html(job.company)}</h3>`,
    `<p>Score ${Math.round(job.score)}${place ? ` · ${html(place)}` : ''} · <a href="${html(job.canonicalUrl)}">the posting</a></p>`,
    reasons,
  ].join('');
}

/** The email of a notification: every job with its link into the cockpit and to the posting. */
export function emailContent(notification: Notification): EmailContent {
  const subject = headline(notification);
  const jobs = listedJobs(notification);
  const more = unlistedJobs(notification);
  const moreText = more ? [`…and ${more} more: ${notification.cockpitUrl}`] : [];
  const moreHtml = more ? [`<p>…and ${more} more in <a href="${html(notification.cockpitUrl)}">the cockpit</a>.</p>`] : [];
  const testText = notification.kind === 'test' ? [testMessage(notification), `The cockpit: ${notification.cockpitUrl}`] : [];
  const testHtml =
    notification.kind === 'test'
      ? [`<p>${html(testMessage(notification))}</p>`, `<p><a href="${html(notification.cockpitUrl)}">Open the cockpit</a></p>`]
      : [];
  return {
    subject,
    text: [...testText, ...jobs.map((job) => jobText(job, notification.cockpitUrl)), ...moreText].join('\n\n'),
    html: [`<p>${html(subject)}</p>`, ...testHtml, ...jobs.map((job) => jobHtml(job, notification.cockpitUrl)), ...moreHtml].join('\n'),
  };
}
