import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readScraperConfig } from '@jobpipe/scraper';
import { AwsResourceNames } from '@jobpipe/shared/aws';
import { readSheetsBridgeConfig } from '@jobpipe/sheets-bridge';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { JobpipeStack } from '../src/jobpipe-stack.js';

test('the secrets the CDK stack creates are the ones the services read by default', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new JobpipeStack(app, 'Secrets', { prefix: 'acme', imageUri: 'example/jobpipe:test', schedules: [] });
  const created = Object.values(Template.fromStack(stack).findResources('AWS::SecretsManager::Secret'))
    .map((resource) => (resource as { Properties: { Name: string } }).Properties.Name)
    .sort();

  const env = { JOBPIPE_TRANSPORT: 'aws', AWS_REGION: 'us-east-1', JOBPIPE_RESOURCE_PREFIX: 'acme' };
  const names = new AwsResourceNames('acme');
  const read = [
    names.secret(readScraperConfig(env).usajobs.apiKeySecret),
    names.secret(readSheetsBridgeConfig(env).credentialsSecret),
  ].sort();
  assert.deepEqual(created, read);
});
