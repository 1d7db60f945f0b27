/**
 * @jobpipe/applier — applies to postings through the site's form with a reused headless browser, with
 * evidence screenshots and guards (explicit request, dry run, daily cap, once per job and company, and
 * never two submits for one request).
 */
export { BrowserHolder } from './adapters/browser-holder.js';
export { type ApplierHandlers, type ApplierSettings, applierService, createApplierHandlers } from './app.js';
export { Applier } from './applier.js';
export { type ApplierConfig, readApplierConfig } from './config.js';
export type { ApplicationRecord } from './domain/application-record.js';
export { type ApplySite, parseApplySites } from './domain/apply-site.js';
export type { ApplyGuards } from './domain/guards.js';
export { type ApplicantProfile, parseProfile } from './domain/profile.js';
