/**
 * Builds the cockpit (the web app crm-api serves at /app) with esbuild: `cockpit/src/main.tsx` and the
 * style sheet it imports become `cockpit/dist/app.js` and `app.css` beside a copy of `index.html`.
 * Everything the page runs is in those files: nothing is loaded from elsewhere at run time.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const COCKPIT_DIR = import.meta.dirname;

/** Where the built cockpit goes unless told otherwise (what crm-api serves when run from source). */
export const COCKPIT_DIST = join(COCKPIT_DIR, 'dist');

/** Bundles the cockpit into `outdir` (minified, with a linked source map) and copies its page. */
export async function buildCockpit(outdir: string = COCKPIT_DIST): Promise<void> {
  const { build } = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: COCKPIT_DIR,
    entryPoints: { app: join(COCKPIT_DIR, 'src', 'main.tsx') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(join(COCKPIT_DIR, 'index.html'), join(outdir, 'index.html'));
}

// Run as a script (`node --import tsx cockpit/build.ts [outdir]`): how infra builds it beside the Lambda bundle.
if (process.argv[1] === import.meta.filename) await buildCockpit(process.argv[2]);
