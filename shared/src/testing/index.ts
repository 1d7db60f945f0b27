/** Test helpers shared by every package's tests. */
export * from './events.js';
export * from './job-site/index.js';
export * from './temp-dir.js';
