import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncErrorReason } from '../../src/domain/sync-error.js';

test('a sync error is kept in words without keys, tokens or query strings, at most 500 characters', () => {
  const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
  assert.equal(
    syncErrorReason(new Error(`invalid_grant: Invalid JWT Signature. {"private_key":"${key.replace(/\n/g, '\\n')}"}`)),
    'invalid_grant: Invalid JWT Signature. {"private_key":"[removed]"}',
  );
  assert.equal(syncErrorReason(new Error(`cannot read ${key}`)), 'cannot read [private key]');
  assert.equal(
    syncErrorReason(new Error('request with Bearer ya29.a0AfB_byC-secret failed; retry with ya29.a0AfB_other')),
    'request with Bearer [removed] failed; retry with [access token]',
  );
  assert.equal(
    syncErrorReason(
      new Error(
        'request to https://sheets.googleapis.com/v4/spreadsheets/abc/values:batchGet?ranges=Jobs&key=AIzaSyD-secret failed, reason: getaddrinfo ENOTFOUND',
      ),
    ),
    'request to https://sheets.googleapis.com/v4/spreadsheets/abc/values:batchGet?[query removed] failed, reason: getaddrinfo ENOTFOUND',
  );
  assert.equal(
    syncErrorReason(new Error('token exchange failed: refresh_token=1//0gAbc-secret client_secret=GOCSPX-x')),
    'token exchange failed: refresh_token=[removed] client_secret=[removed]',
  );
  assert.equal(syncErrorReason(new Error('The caller does not have permission')), 'The caller does not have permission');
  assert.equal(syncErrorReason('x'.repeat(800)).length, 500);
  assert.equal(syncErrorReason(new Error('')), 'the sync failed without a message');
});
