/**
 * @jobpipe/test-kit — test helpers shared by every package's tests and the bench (bus events, temporary
 * folders) and the local test job site (sign-in with TOTP, applications). A tool: only tests, bench and the
 * CLI import it, never a service.
 */
export * from './events.js';
export * from './job-site/index.js';
export * from './temp-dir.js';
