import { createHash } from 'node:crypto';
import { type EventHandler, PermanentError } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { inboxProposalFor, inboxRationale } from '../domain/inbox-proposal.js';
import { ApiError } from '../use-cases/api-error.js';
import { crmRecordOf } from '../use-cases/crm.js';
import { propose } from '../use-cases/proposals.js';

/** The proposal id of an email: the same message always proposes under the same id, so a redelivery proposes once. */
export function inboxProposalId(mailbox: string, messageId: string): string {
  return `inbox-${createHash('sha256').update(`${mailbox}\n${messageId}`).digest('hex').slice(0, 32)}`;
}

/**
 * `email.classified`: an email the inbox matched to a job becomes a pending proposal by the inbox (a
 * stage move or a note, see `inbox-proposal.ts`); nothing in the CRM changes until the user accepts it,
 * and the accepted change names the email's event as its cause. Unmatched mail proposes nothing.
 */
export function handleEmailClassified(context: CrmApiContext): EventHandler<'email.classified'> {
  return async (event, { logger }) => {
    const email = event.detail.data;
    if (email.jobId === null) return;
    const stage = (await crmRecordOf(context, email.jobId))?.stage ?? 'new';
    const change = inboxProposalFor(email, stage);
    if (!change) {
      logger.info({ jobId: email.jobId, emailClass: email.emailClass, stage }, 'email proposes no change');
      return;
    }
    try {
      const proposal = await propose(context, {
        proposalId: inboxProposalId(email.mailbox, email.messageId),
        jobId: email.jobId,
        change,
        proposedBy: 'inbox',
        rationale: inboxRationale(email),
        cause: { eventId: event.detail.meta.eventId, correlationId: event.detail.meta.correlationId, messageId: email.messageId },
      });
      logger.info({ jobId: email.jobId, proposalId: proposal.proposalId, change: change.kind }, 'inbox proposal stored');
    } catch (error) {
      // A job the CRM does not know can never take the proposal: park the event with the reason.
      if (error instanceof ApiError && error.statusCode === 404)
        throw new PermanentError(error.code, `email proposal refused: ${error.message}`);
      throw error;
    }
  };
}
