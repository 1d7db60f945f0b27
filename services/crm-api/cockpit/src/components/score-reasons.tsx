import { scoreOf } from '../format.js';
import type { ScoreReason } from '../jobs.js';

/** A score's reasons, each with its points (+/−), as the inbox's selected job and the job page show them. */
export function ScoreReasons({ reasons }: { readonly reasons: readonly ScoreReason[] }) {
  return (
    <ul class="reasons">
      {reasons.map((reason) => (
        <li key={reason.text}>
          <span class={reason.points >= 0 ? 'points plus' : 'points minus'}>
            {reason.points >= 0 ? '+' : ''}
            {scoreOf(reason.points)}
          </span>{' '}
          {reason.text}
        </li>
      ))}
    </ul>
  );
}
