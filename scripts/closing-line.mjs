// The closing line of `npm test`: counts summed over the packages' summaries, then the skips by reason,
// e.g. "590 passed, 0 failed, 3 skipped: no Docker engine ×2, no compose plugin".

/** Sums the per-package counts ({ passed, failed, skipped, skipReasons }) into one closing line. */
export function closingLine(summaries) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const skipReasons = {};
  for (const counts of summaries) {
    for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
    for (const [reason, count] of Object.entries(counts.skipReasons ?? {})) skipReasons[reason] = (skipReasons[reason] ?? 0) + count;
  }
  const reasons = Object.entries(skipReasons)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => (count > 1 ? `${reason} ×${count}` : reason));
  const line = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${reasons.length ? `: ${reasons.join(', ')}` : ''}`;
  return { line, failed: total.failed };
}
