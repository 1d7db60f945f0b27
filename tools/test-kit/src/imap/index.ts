/** `@jobpipe/test-kit/imap`: a real IMAP server (Dovecot) for tests, and raw mail to deliver to it. */
export * from './imap-server.js';
export * from './mail-messages.js';
