/** Test helpers shared by every package's tests. */
export * from './events.js';
export * from './temp-dir.js';
