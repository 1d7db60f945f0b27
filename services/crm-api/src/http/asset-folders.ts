import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Folders of the files crm-api serves as they are. */
export interface AssetFolders {
  /** The dashboard page, script and style sheet. */
  readonly dashboard: string;
  /** Chart.js's UMD build (`chart.umd.min.js`). */
  readonly chartJs: string;
  /** The cockpit's page and the bundle `npm run build` makes of it (`cockpit/dist`). */
  readonly cockpit: string;
  /** Swagger UI's files; undefined for the plugin's own folder. */
  readonly swaggerUi: string | undefined;
}

/**
 * Where the assets are. Run from source they sit in their package folders. In the Lambda bundle this
 * module is part of `index.mjs`, and infra copies the assets beside it (infra/src/lambda-bundling.ts):
 * `dashboard/` with Chart.js in it, the built `cockpit/`, and Swagger UI's `static/`.
 */
export function assetFolders(moduleDir = import.meta.dirname): AssetFolders {
  const bundledDashboard = join(moduleDir, 'dashboard');
  if (existsSync(join(bundledDashboard, 'chart.umd.min.js'))) {
    return {
      dashboard: bundledDashboard,
      chartJs: bundledDashboard,
      cockpit: join(moduleDir, 'cockpit'),
      swaggerUi: join(moduleDir, 'static'),
    };
  }
  return {
    dashboard: join(moduleDir, '..', 'dashboard'),
    chartJs: dirname(createRequire(import.meta.url).resolve('chart.js')),
    cockpit: join(moduleDir, '..', '..', 'cockpit', 'dist'),
    swaggerUi: undefined,
  };
}
