import type { FlagDismissal, GhostFlag, GhostFlagKind } from '@jobpipe/contracts';

/** A ghost-risk flag as crm-api shows it: with the time the user dismissed it, if they did. */
export type ShownGhostFlag = GhostFlag & { readonly dismissedAt?: string };

/**
 * Whether a dismissal is of this flag. A flag is its criterion and the time it first fired: one that
 * ceased and fired again (a new `since`) is a new flag, and shown again.
 */
function dismisses(dismissal: Pick<FlagDismissal, 'kind' | 'since'>, flag: Pick<GhostFlag, 'kind' | 'since'>): boolean {
  return dismissal.kind === flag.kind && dismissal.since === flag.since;
}

/** The flags with their dismissals on them (a flag no dismissal names is shown without one). */
export function withDismissals(flags: readonly GhostFlag[], dismissals: readonly FlagDismissal[]): ShownGhostFlag[] {
  return flags.map(({ kind, detail, since }) => {
    const dismissal = dismissals.find((candidate) => dismisses(candidate, { kind, since }));
    return dismissal ? { kind, detail, since, dismissedAt: dismissal.dismissedAt } : { kind, detail, since };
  });
}

/** What dismissing or restoring one flag makes of a job's dismissals; undefined when it changes nothing (a repeat). */
export function dismissalsAfter(
  current: readonly FlagDismissal[],
  flag: { readonly kind: GhostFlagKind; readonly since: string },
  dismissed: boolean,
  at: string,
): FlagDismissal[] | undefined {
  // One dismissal per criterion: dismissing the flag a criterion fires now replaces one of an earlier firing.
  const others = current.filter((dismissal) => dismissal.kind !== flag.kind);
  const same = current.find((dismissal) => dismisses(dismissal, flag));
  if (dismissed) return same ? undefined : [...others, { kind: flag.kind, since: flag.since, dismissedAt: at }];
  return others.length === current.length ? undefined : others;
}
