// A node:test reporter that counts passed, failed and skipped tests (not suites) and emits one JSON line;
// skips are also counted by their reason (the text of the skip message before its first ':'). A skipped
// suite counts as one skip, since its tests are never reported.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, skipReasons: {} };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const skipped = event.data.skip !== undefined || event.data.todo !== undefined;
    if (event.data.details?.type === 'suite' && !skipped) continue;
    if (skipped) {
      counts.skipped++;
      const message = typeof event.data.skip === 'string' ? event.data.skip : event.data.todo !== undefined ? 'todo' : 'skipped';
      const reason = message.split(':')[0].trim();
      counts.skipReasons[reason] = (counts.skipReasons[reason] ?? 0) + 1;
    } else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
  }
  yield `${JSON.stringify(counts)}\n`;
}
