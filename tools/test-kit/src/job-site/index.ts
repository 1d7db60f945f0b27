/** The local test job site (a test helper and an offline demo of the applier and auth-refresher). */
export * from './catalogue.js';
export * from './job-site.js';
export { verifyTotp } from './totp.js';
