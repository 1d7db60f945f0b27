import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@jobpipe/shared';
import { readParserConfig } from '../src/index.js';

test('parser settings have defaults and refuse malformed values by name', () => {
  const config = readParserConfig({ JOBPIPE_DATA_DIR: '/tmp/x' });
  assert.equal(config.maxBodyBytes, 5 * 1024 * 1024);
  assert.equal(config.duplicateMinConfidence, 0.75);
  assert.ok(Object.isFrozen(config));
  assert.equal(readParserConfig({ JOBPIPE_PARSER_MAX_BODY_BYTES: '1048576' }).maxBodyBytes, 1048576);
  assert.throws(
    () => readParserConfig({ JOBPIPE_PARSER_MAX_BODY_BYTES: '10MB' }),
    (error: unknown) => error instanceof ConfigError && /JOBPIPE_PARSER_MAX_BODY_BYTES='10MB'/.test(error.message),
  );
  assert.throws(
    () => readParserConfig({ JOBPIPE_PARSER_DUPLICATE_MIN_CONFIDENCE: '1.5' }),
    /JOBPIPE_PARSER_DUPLICATE_MIN_CONFIDENCE='1.5' is not valid: use a number from 0 to 1/,
  );
});
