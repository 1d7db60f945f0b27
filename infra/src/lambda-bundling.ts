import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/**
 * Prepended to every bundle. esbuild's ESM output has no `require`, `__filename` or `__dirname`, yet the
 * CommonJS packages it bundles use them (`require('fs')`, files next to `__dirname`): rebuild them from
 * `import.meta.url`. The imports are renamed so they cannot clash with the bundle's own names.
 */
export const COMMONJS_GLOBALS_BANNER = [
  "import { createRequire as __bannerCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bannerFileURLToPath } from 'node:url';",
  'const require = __bannerCreateRequire(import.meta.url);',
  'const __filename = __bannerFileURLToPath(import.meta.url);',
  "const __dirname = __bannerFileURLToPath(new URL('.', import.meta.url));",
].join(' ');

/**
 * Native addons a function needs, left out of its bundle and installed beside it by `npm ci`
 * (`bundling.nodeModules`): crm-api's read model and analytics snapshot, and the etl's SQLite target.
 */
const NATIVE_MODULES: Readonly<Record<string, string[]>> = {
  'crm-api': ['better-sqlite3'],
  etl: ['better-sqlite3'],
};

/** A file or folder of a package, relative to the repo root (bundling hooks see the repo as `inputDir`). */
const packagePath = (fromPackage: string, module: string, path: string) =>
  relative(REPO_ROOT, join(dirname(createRequire(join(REPO_ROOT, fromPackage, 'package.json')).resolve(module)), path));

/**
 * Copies the files crm-api serves as they are beside its bundle: its dashboard with Chart.js's UMD build
 * (`dashboard/`), and Swagger UI's files (`static/`, where the bundled plugin looks from `__dirname`); and
 * builds its cockpit there (`cockpit/`).
 * crm-api finds them there (services/crm-api/src/http/asset-folders.ts).
 */
const copyCrmApiAssets = (inputDir: string, outputDir: string): string[] => [
  `mkdir -p "${outputDir}/dashboard" "${outputDir}/static"`,
  `cp "${inputDir}/services/crm-api/src/dashboard/"* "${outputDir}/dashboard/"`,
  `cp "${inputDir}/${packagePath('services/crm-api', 'chart.js', 'chart.umd.min.js')}" "${outputDir}/dashboard/"`,
  `cp -R "${inputDir}/${packagePath('services/crm-api', '@fastify/swagger-ui', 'static')}/." "${outputDir}/static/"`,
  `cd "${inputDir}" && node --import tsx services/crm-api/cockpit/build.ts "${outputDir}/cockpit"`,
];

/**
 * esbuild options of one function's bundle: ESM for Node 20 with CommonJS globals restored, the AWS SDK
 * left to the Lambda runtime, native addons installed beside the bundle, and the files it reads at run
 * time copied next to it.
 * @param name the service the function runs (`crm-api`, `etl`, …), or `scheduler`
 */
export function lambdaBundling(name: string): nodejs.BundlingOptions {
  return {
    format: nodejs.OutputFormat.ESM,
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: COMMONJS_GLOBALS_BANNER,
    externalModules: ['@aws-sdk/*'],
    nodeModules: NATIVE_MODULES[name],
    sourceMap: true,
    ...(name === 'crm-api' && {
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: copyCrmApiAssets,
      },
    }),
  };
}
