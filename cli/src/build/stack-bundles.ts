import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';
import { type BundleSpec, buildBundles } from './build-bundle.js';

/** The bundle a service process runs (plain node, no tsx). */
export function serviceEntryFile(repoRoot: string, service: ServiceName): string {
  return join(repoRoot, 'services', service, 'dist', 'main.js');
}

/** The bundle of the CLI, as `npm start` runs it. */
export function cliEntryFile(repoRoot: string): string {
  return join(repoRoot, 'cli', 'dist', 'main.js');
}

/** The bundle a process running several services runs (`jobpipe up --processes`). */
export function serviceGroupEntryFile(repoRoot: string): string {
  return join(repoRoot, 'cli', 'dist-stack', 'service-group-main.js');
}

/**
 * One bundle per service (`services/<name>/src/main.ts` → `services/<name>/dist/main.js`), and the
 * group entry (`cli/src/stack/service-group-main.ts` → `cli/dist-stack/`), each service behind its own chunk.
 */
export function serviceBundles(repoRoot: string): BundleSpec[] {
  const services = SERVICE_NAMES.map((service) => {
    const packageDir = join(repoRoot, 'services', service);
    return {
      name: service,
      entryPoints: [join(packageDir, 'src', 'main.ts')],
      sourceRoot: join(packageDir, 'src'),
      outdir: join(packageDir, 'dist'),
    };
  });
  const stackSource = join(repoRoot, 'cli', 'src', 'stack');
  return [
    ...services,
    {
      name: 'service-group',
      entryPoints: [join(stackSource, 'service-group-main.ts')],
      sourceRoot: stackSource,
      outdir: join(repoRoot, 'cli', 'dist-stack'),
    },
  ];
}

/** The CLI: `cli/src/main.ts` and each command file, so `cli/dist/main.js` finds its commands beside it as in src. */
export function cliBundle(repoRoot: string): BundleSpec {
  const sourceRoot = join(repoRoot, 'cli', 'src');
  const commands = readdirSync(join(sourceRoot, 'commands'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(sourceRoot, 'commands', file));
  return { name: 'cli', entryPoints: [join(sourceRoot, 'main.ts'), ...commands], sourceRoot, outdir: join(repoRoot, 'cli', 'dist') };
}

/** Every bundle `npm run build` makes: the CLI's, each service's and the group entry's. */
export function stackBundles(repoRoot: string): BundleSpec[] {
  return [cliBundle(repoRoot), ...serviceBundles(repoRoot)];
}

/**
 * Builds every bundle of the stack together when a file they were built from changed (always with
 * `force`); returns whether it built. Stops esbuild's service process afterwards, so it does not stay
 * beside the stack.
 */
export async function buildStackBundles(repoRoot: string, options: { force?: boolean } = {}): Promise<boolean> {
  const built = await buildBundles(repoRoot, stackBundles(repoRoot), options);
  if (built) await (await import('esbuild')).stop();
  return built;
}
