import type { Plugin } from 'esbuild';

/** Bare specifiers: npm packages, `node:` builtins and the workspace's own `@jobpipe/*` packages. */
const BARE_SPECIFIER = /^[^./]/;

/**
 * esbuild plugin that bundles only the workspace's own TypeScript (relative imports and `@jobpipe/*`)
 * and leaves every npm package to be imported from node_modules at run time, so native modules
 * (better-sqlite3) and packages that read their own files keep working. The bundles live inside the
 * repository (`<package>/dist/`), so node resolves those imports from there to the hoisted node_modules.
 */
export const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(build) {
    build.onResolve({ filter: BARE_SPECIFIER }, (args) =>
      args.path.startsWith('@jobpipe/') ? undefined : { path: args.path, external: true },
    );
  },
};
