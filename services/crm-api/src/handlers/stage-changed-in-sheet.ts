import { type EventHandler, PermanentError } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { ApiError } from '../use-cases/api-error.js';
import { changeStage, crmRecordOf } from '../use-cases/crm.js';

/**
 * `crm.stage-changed` made in the Google Sheet (changedBy 'sheet'): applies it to the CRM when it is
 * newer than the CRM's own last change (last writer wins; a redelivery is then older and skipped).
 * Changes crm-api published itself are already applied. The event is not published again: the
 * sheets-bridge already told everyone.
 */
export function handleStageChangedInSheet(context: CrmApiContext): EventHandler<'crm.stage-changed'> {
  return async (event, { logger }) => {
    const change = event.detail.data;
    if (change.changedBy !== 'sheet') return;
    const record = await crmRecordOf(context, change.jobId);
    if (record && record.updatedAt >= change.changedAt) {
      logger.info({ jobId: change.jobId }, 'sheet change older than the CRM record; kept the CRM');
      return;
    }
    if (record?.stage === change.to) return;
    try {
      await changeStage(
        context,
        {
          jobId: change.jobId,
          to: change.to,
          closedReason: change.closedReason,
          by: 'sheet',
          ...(change.note ? { note: change.note } : {}),
        },
        () => [],
      );
    } catch (error) {
      // A refused change (unknown job, illegal transition) can never succeed: park it with the reason.
      if (error instanceof ApiError && error.statusCode !== 409)
        throw new PermanentError(error.code, `sheet change refused: ${error.message}`);
      if (error instanceof ApiError && error.code === 'illegal_transition')
        throw new PermanentError(error.code, `sheet change refused: ${error.message}`);
      throw error;
    }
  };
}
