import type { Plugin } from 'esbuild';

/** Marks the resolutions this plugin asks esbuild for itself, so it does not handle them twice. */
const OWN_RESOLUTION = Symbol('side-effect-free-workspace');

/**
 * esbuild plugin that treats every module of the workspace as free of import side effects (as
 * `"sideEffects": false` in each package.json would), so a bundle holds only the modules whose exports
 * it uses: `jobpipe up` takes `createApiKey` from crm-api and the replay server from `@jobpipe/replay` without
 * loading fastify, got-scraping or selenium. Entry points keep their side effects (they run the program).
 * Register it after {@link thirdPartyExternal}: npm packages are external and never reach it.
 */
export const sideEffectFreeWorkspace: Plugin = {
  name: 'side-effect-free-workspace',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === OWN_RESOLUTION) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: OWN_RESOLUTION,
      });
      if (resolved.errors.length > 0 || resolved.external) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};
