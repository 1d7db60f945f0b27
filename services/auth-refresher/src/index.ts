/**
 * @jobpipe/auth-refresher — logs in to job sites with a headless browser, keeps the session cookies in
 * the secret store (never in events or logs) and the session status in the `sessions` table.
 */
export {
  type AuthRefresherSettings,
  authRefresherService,
  createAuthRefresherHandlers,
  createSessionRefresher,
  startAuthRefresherSchedule,
} from './app.js';
export { type AuthRefresherConfig, readAuthRefresherConfig } from './config.js';
export { type LoginSite, parseLoginSites } from './domain/login-site.js';
export type { RefreshPolicy } from './domain/refresh-policy.js';
export { type SessionCookie, type SessionRecord, type StoredSession, secretNames } from './domain/session-record.js';
export type { RefreshSchedule } from './refresh-schedule.js';
export { type BrowserLease, type SessionRefreshedData, SessionRefresher } from './session-refresher.js';
