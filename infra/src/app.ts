/**
 * The CDK app: `npx cdk synth` (offline) from infra/. Searches come from the same jobpipe.config.yaml
 * as the embedded stack; the image URI and prefix from context (`-c imageUri=… -c prefix=…`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchConfig } from '@jobpipe/shared';
import { App } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { JobpipeStack } from './jobpipe-stack.js';
import { scheduleDefinitions } from './schedules.js';

const app = new App();
const configPath = join(import.meta.dirname, '..', '..', 'jobpipe.config.yaml');
const config = existsSync(configPath)
  ? (parse(readFileSync(configPath, 'utf8')) as {
      searches?: SearchConfig[];
      /** Sites by name (the config's `sites` section). */
      sites?: Record<string, unknown>;
      notifications?: { digestSchedule?: string };
    })
  : {};
new JobpipeStack(app, 'Jobpipe', {
  prefix: String(app.node.tryGetContext('prefix') ?? 'jobpipe'),
  imageUri: String(app.node.tryGetContext('imageUri') ?? 'public.ecr.aws/docker/library/node:20-bookworm'),
  schedules: scheduleDefinitions(config.searches ?? [], Object.keys(config.sites ?? {}), config.notifications?.digestSchedule),
});
