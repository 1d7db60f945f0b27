/** `GET /crm/stages`: the stages in order, the closing reasons, and which stage may follow which. */
export interface StageMachine {
  readonly stages: string[];
  readonly closedReasons: string[];
  readonly transitions: Record<string, string[]>;
}

/**
 * Why a move is not allowed, in words, or undefined when it is. The API checks again and has the last
 * word; this lets the board explain a refused drop before asking.
 */
export function illegalMoveReason(machine: StageMachine, from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const allowed = machine.transitions[from] ?? [];
  if (allowed.includes(to)) return undefined;
  if (allowed.length === 0) return `a ${from} job cannot move any more: '${from}' is final`;
  return `a job in '${from}' can only move to ${allowed.map((stage) => `'${stage}'`).join(' or ')}, not to '${to}'`;
}
