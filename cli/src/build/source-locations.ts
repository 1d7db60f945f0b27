import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const IMPORT_META_LOCATION = /\bimport\.meta\.(dirname|filename|url)\b/g;

/**
 * esbuild plugin that keeps `import.meta.dirname`, `.filename` and `.url` of every bundled-in module
 * pointing at its TypeScript source, so files read relative to a package folder (crm-api's dashboard
 * and Chart.js, the replay's recordings, the contracts' schema folder) are found from the bundle. Entry points
 * keep their own, bundled location: they are the files node runs (the CLI finds its commands beside it).
 */
export function sourceLocations(entryPoints: readonly string[]): Plugin {
  const entries = new Set(entryPoints);
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (entries.has(args.path)) return { contents: source, loader: 'ts' };
        const location = { dirname: dirname(args.path), filename: args.path, url: pathToFileURL(args.path).href };
        const contents = source.replace(IMPORT_META_LOCATION, (_, property: keyof typeof location) => JSON.stringify(location[property]));
        return { contents, loader: 'ts' };
      });
    },
  };
}
