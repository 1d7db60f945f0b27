import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalidSchedules } from '../../src/domain/search-schedules.js';

test('a search schedule must be a cron expression; each bad one is named with its search', () => {
  const searches = [
    { id: 'weekdays', source: 'lever' as const, boards: ['northwind'], schedule: '0 8 * * 1-5' },
    { id: 'no-schedule', source: 'lever' as const, boards: ['northwind'] },
    { id: 'words', source: 'lever' as const, boards: ['northwind'], schedule: 'every morning' },
    { id: 'hour-61', source: 'lever' as const, boards: ['northwind'], schedule: '61 * * * *' },
  ];
  const problems = invalidSchedules({ tracks: [], searches });
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /^\/searches\/words\/schedule: 'every morning' is not a cron schedule/);
  assert.match(problems[1]!, /^\/searches\/hour-61\/schedule: '61 \* \* \* \*' is not a cron schedule/);
});
