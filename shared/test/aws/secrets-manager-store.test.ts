import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsManagerStore } from '../../src/aws/secrets-manager-store.js';
import { testCredentials } from './aws-test-kit.js';

const client = new SecretsManagerClient({ region: 'us-east-1', credentials: testCredentials });
const secrets = mockClient(client);
const store = new SecretsManagerStore(client, (name) => `jp/${name}`);
const notFound = () => new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} });

beforeEach(() => secrets.reset());

describe('Secrets Manager secret store', () => {
  test('get reads the secret string under the prefix; a missing secret is undefined', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: 'jp/mcf-cookie' }).resolves({ SecretString: 'session=abc' });
    secrets.on(GetSecretValueCommand, { SecretId: 'jp/nothing' }).rejects(notFound());
    assert.equal(await store.get('mcf-cookie'), 'session=abc');
    assert.equal(await store.get('nothing'), undefined);
  });

  test('the first put creates the secret, later puts add versions', async () => {
    secrets.on(PutSecretValueCommand).rejectsOnce(notFound()).resolves({});
    secrets.on(CreateSecretCommand).resolves({});
    await store.put('mcf-cookie', 'v1');
    await store.put('mcf-cookie', 'v2');
    assert.deepEqual(
      secrets.commandCalls(CreateSecretCommand).map((call) => call.args[0].input),
      [{ Name: 'jp/mcf-cookie', SecretString: 'v1' }],
    );
    assert.deepEqual(
      secrets.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input.SecretString),
      ['v1', 'v2'],
    );
  });

  test('a secret created by another process in between gets the value as a new version', async () => {
    secrets.on(PutSecretValueCommand).rejectsOnce(notFound()).resolves({});
    secrets.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    await store.put('mcf-cookie', 'v1');
    assert.equal(secrets.commandCalls(PutSecretValueCommand).length, 2);
  });

  test('delete removes without a recovery window; deleting a missing secret is fine', async () => {
    secrets.on(DeleteSecretCommand).rejects(notFound());
    await store.delete('gone');
    assert.deepEqual(secrets.commandCalls(DeleteSecretCommand)[0]?.args[0].input, {
      SecretId: 'jp/gone',
      ForceDeleteWithoutRecovery: true,
    });
  });
});
