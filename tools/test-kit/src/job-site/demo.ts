/**
 * Serves the test job site for a demo: `node --import tsx tools/test-kit/src/job-site/demo.ts [port]`.
 * Prints where it listens and the demo credentials (made-up values that exist only in this process).
 */
import { startJobSite } from './job-site.js';

const site = await startJobSite({ port: Number(process.argv[2] ?? 4020) });
console.log(`test job site on ${site.url} (sign in as 'ada' / 'correct horse battery staple'); Ctrl+C stops it`);
process.once('SIGINT', () => site.close().then(() => process.exit(0)));
