import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { GatheringTurn, MAX_HOLD_MS, SETTLE_MS, type TurnGatherer } from '../../src/runtime/gathering-turn.js';

/** A gatherer that answers every held ask with the number of the release that sent it. */
class CountingGatherer implements TurnGatherer {
  readonly releases: string[][] = [];
  private readonly held = new Map<GatheringTurn, { name: string; answer(release: number): void }[]>();

  ask(name: string): Promise<number> {
    const turn = GatheringTurn.current();
    if (!turn) return Promise.resolve(-1);
    return new Promise((resolve) => {
      this.held.set(turn, [...(this.held.get(turn) ?? []), { name, answer: resolve }]);
      turn.park(this);
    });
  }

  release(turn: GatheringTurn): void {
    const asks = this.held.get(turn) ?? [];
    this.held.delete(turn);
    this.releases.push(asks.map((ask) => ask.name));
    for (const ask of asks) ask.answer(this.releases.length);
  }
}

// Time moves only when a test says so: releases wait for their timer, SETTLE_MS or MAX_HOLD_MS.
beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

/** Lets pending callbacks (promise jobs and immediates) run a few rounds. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await nextMacrotask();
}

/** Lets the work scheduled run, then moves the clock by `ms` and lets what that started run. */
async function after(ms: number): Promise<void> {
  await settle();
  mock.timers.tick(ms);
  await settle();
}

test('asks go out together once every participant of the turn has asked, each with its own answer', async () => {
  const gatherer = new CountingGatherer();
  let busyDone!: () => void;
  const busy = new Promise<void>((resolve) => {
    busyDone = resolve;
  });
  const settled = GatheringTurn.settleTogether<unknown>([
    async () => gatherer.ask('a'),
    async () => {
      await busy; // still fetching something: the others' asks wait for it
      return gatherer.ask('b');
    },
    async () => Promise.all([gatherer.ask('c1'), gatherer.ask('c2')]),
  ]);
  await after(SETTLE_MS);
  assert.deepEqual(gatherer.releases, [], 'one participant is still working');
  busyDone();
  await after(SETTLE_MS);
  const results = await settled;
  assert.deepEqual(gatherer.releases, [['a', 'c1', 'c2', 'b']]);
  assert.deepEqual(
    results.map((result) => result.status === 'fulfilled' && result.value),
    [1, 1, [1, 1]],
  );
});

test('a participant that is done no longer holds the others; a lone work is a turn; code outside a turn is not gathered', async () => {
  const gatherer = new CountingGatherer();
  const settled = GatheringTurn.settleTogether<unknown>([
    async () => {
      const first = await gatherer.ask('a1');
      return [first, await gatherer.ask('a2')];
    },
    async () => 'done at once',
  ]);
  await after(SETTLE_MS);
  await after(SETTLE_MS);
  const results = await settled;
  assert.deepEqual(gatherer.releases, [['a1'], ['a2']]);
  assert.deepEqual(results[0], { status: 'fulfilled', value: [1, 2] });

  const lone = GatheringTurn.settleTogether([
    async () => {
      const first = gatherer.ask('l1');
      await nextMacrotask(); // a moment later, within SETTLE_MS
      return Promise.all([first, gatherer.ask('l2')]);
    },
  ]);
  await after(SETTLE_MS);
  assert.deepEqual((await lone)[0], { status: 'fulfilled', value: [3, 3] }, 'asks a moment apart go together');
  assert.deepEqual(gatherer.releases.at(-1), ['l1', 'l2']);
  assert.equal(await gatherer.ask('outside'), -1);
});

test('a participant waiting for another one counts as parked; one busy for long holds the asks MAX_HOLD_MS at most', {
  timeout: 10_000,
}, async () => {
  const gatherer = new CountingGatherer();
  let first!: Promise<number>;
  const settled = GatheringTurn.settleTogether<number>([
    async () => {
      first = gatherer.ask('first');
      return first;
    },
    async () => {
      await GatheringTurn.waitingOnOthers(Promise.resolve().then(() => first));
      return gatherer.ask('after first');
    },
  ]);
  await after(SETTLE_MS);
  assert.deepEqual(gatherer.releases, [['first']], 'released without waiting for MAX_HOLD_MS');
  await after(SETTLE_MS);
  assert.deepEqual(
    (await settled).map((result) => result.status === 'fulfilled' && result.value),
    [1, 2],
  );

  let stillBusy = true;
  const slow = GatheringTurn.settleTogether<unknown>([
    async () => gatherer.ask('quick'),
    async () => {
      while (stillBusy) await nextMacrotask();
    },
  ]);
  await after(SETTLE_MS);
  assert.equal(gatherer.releases.length, 2, 'held while the other participant works');
  await after(MAX_HOLD_MS - SETTLE_MS);
  assert.deepEqual(gatherer.releases.at(-1), ['quick'], 'released by the hold timer');
  stillBusy = false;
  await slow;
});
