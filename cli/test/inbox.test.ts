import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { BusEvent } from '@jobpipe/contracts';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { runJobpipeAsync } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-inbox-');
after(() => dir.remove());
const jobpipe = (...args: string[]) => runJobpipeAsync(dir.path, ...args);

test('jobpipe eval inbox prints held-out precision and recall per class and the macro F1', async () => {
  const { code, stdout } = await jobpipe('eval', 'inbox', '--misses', '3');
  assert.equal(code, 0);
  assert.match(stdout, /5-fold stratified cross-validation \(held out\)/);
  for (const emailClass of ['application-received', 'rejection', 'interview-invitation', 'assessment', 'recruiter-outreach', 'other'])
    assert.match(stdout, new RegExp(`${emailClass}\\s+│ [01]\\.\\d{3}\\s+│ [01]\\.\\d{3}`));
  const macroF1 = Number(/macro F1 ([01]\.\d{3})/.exec(stdout)?.[1]);
  assert.ok(macroF1 >= 0.9, String(macroF1));
  assert.match(stdout, /^m\d{3}: labelled [a-z-]+, classified [a-z-]+ \(/m);
});

test('jobpipe eval inbox refuses fewer than two folds, saying why', async () => {
  const { code, stderr } = await jobpipe('eval', 'inbox', '--folds', '1');
  assert.equal(code, 2);
  assert.match(stderr, /--folds must be a whole number of at least 2, not '1'/);
});

test('jobpipe inbox forget asks the inbox through its queue; a bad mailbox name is refused', async () => {
  const refused = await jobpipe('inbox', 'forget', '--mailbox', 'My Mail');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /no mailbox name/);
  const { code, stdout } = await jobpipe('inbox', 'forget', '--mailbox', 'personal');
  assert.equal(code, 0, stdout);
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'inbox');
  try {
    const [message] = await ports.consumer('inbox').receive(1, 1000);
    const event = JSON.parse(message!.body) as BusEvent<'inbox.forget-requested'>;
    assert.equal(event['detail-type'], 'inbox.forget-requested');
    assert.equal(event.detail.data.mailbox, 'personal');
  } finally {
    await ports.close();
  }
});
