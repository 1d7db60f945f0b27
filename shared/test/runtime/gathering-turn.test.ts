import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { GatheringTurn, MAX_HOLD_MS, type TurnGatherer } from '../../src/runtime/gathering-turn.js';

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

// The hold timer never fires unless a test moves the clock: releases here come from the turn alone.
beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

/** Lets pending callbacks (promise jobs and immediates) run a few rounds. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await nextMacrotask();
}

test('asks go out together once every participant of the turn has asked, each with its own answer', async () => {
  const gatherer = new CountingGatherer();
  let busyDone!: () => void;
  const busy = new Promise<void>((resolve) => {
    busyDone = resolve;
  });
  const settled = GatheringTurn.settleTogether([
    async () => gatherer.ask('a'),
    async () => {
      await busy; // still fetching something: the others' asks wait for it
      return gatherer.ask('b');
    },
    async () => Promise.all([gatherer.ask('c1'), gatherer.ask('c2')]),
  ]);
  await settle();
  assert.deepEqual(gatherer.releases, [], 'one participant is still working');
  busyDone();
  const results = await settled;
  assert.deepEqual(gatherer.releases, [['a', 'c1', 'c2', 'b']]);
  assert.deepEqual(
    results.map((result) => result.status === 'fulfilled' && result.value),
    [1, 1, [1, 1]],
  );
});

test('a participant that is done no longer holds the others; code outside a turn is not gathered', async () => {
  const gatherer = new CountingGatherer();
  const results = await GatheringTurn.settleTogether([
    async () => {
      const first = await gatherer.ask('a1');
      return [first, await gatherer.ask('a2')];
    },
    async () => 'done at once',
  ]);
  assert.deepEqual(gatherer.releases, [['a1'], ['a2']]);
  assert.deepEqual(results[0], { status: 'fulfilled', value: [1, 2] });
  assert.equal(await gatherer.ask('outside'), -1);
  const [lone] = await GatheringTurn.settleTogether([async () => gatherer.ask('alone')]);
  assert.deepEqual(lone, { status: 'fulfilled', value: -1 }, 'a turn of one gathers nothing: it runs outside any turn');
});

test('a participant waiting for another one counts as parked; one busy for long is waited for MAX_HOLD_MS at most', {
  timeout: 10_000,
}, async () => {
  const gatherer = new CountingGatherer();
  let first!: Promise<number>;
  const settled = GatheringTurn.settleTogether([
    async () => {
      first = gatherer.ask('first');
      return first;
    },
    async () => {
      await GatheringTurn.waitingOnOthers(Promise.resolve().then(() => first));
      return gatherer.ask('after first');
    },
  ]);
  assert.deepEqual(
    (await settled).map((result) => result.status === 'fulfilled' && result.value),
    [1, 2],
  );
  assert.deepEqual(gatherer.releases, [['first'], ['after first']]);

  let stillBusy = true;
  const slow = GatheringTurn.settleTogether([
    async () => gatherer.ask('quick'),
    async () => {
      while (stillBusy) await nextMacrotask();
    },
  ]);
  await settle();
  assert.equal(gatherer.releases.length, 2, 'held while the other participant works');
  mock.timers.tick(MAX_HOLD_MS);
  await settle();
  assert.deepEqual(gatherer.releases.at(-1), ['quick'], 'released by the hold timer');
  stillBusy = false;
  await slow;
});
