/**
 * @jobpipe/test-kit — test helpers shared by every package's tests and the bench (bus events, temporary
 * folders, child processes and their memory, the environment of service processes) and the local test job
 * site (sign-in with TOTP, applications); the recommender's evaluation corpus is `@jobpipe/test-kit/corpus`; a Dovecot IMAP server
 * and mail to deliver to it are `@jobpipe/test-kit/imap`.
 * A tool: only tests, bench and the CLI import it, never a service.
 */
export * from './events.js';
export * from './failing-outbox.js';
export * from './job-site/index.js';
export * from './process-group.js';
export * from './processes.js';
export * from './recording-logger.js';
export * from './service-environment.js';
export * from './table-items.js';
export * from './temp-dir.js';
