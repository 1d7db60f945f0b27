import type { InboxCursorItem, InboxMessageItem } from '@jobpipe/contracts';
import type { OutgoingEvent } from '@jobpipe/shared';
import { matchApplication } from '../domain/application-match.js';
import { classifyEmail } from '../domain/classify-email.js';
import type { ReceivedEmail } from '../domain/email.js';
import type { InboxContext } from './inbox-context.js';
import { openApplications } from './open-applications.js';

/** A message fetched from a watched folder, not read yet. */
export interface FetchedMessage {
  readonly mailbox: string;
  readonly uidValidity: string;
  readonly uid: number;
  readonly email: ReceivedEmail;
}

/** The key of a message's item in the inbox table. */
export const messageKey = (mailbox: string, messageId: string) => `message#${mailbox}#${messageId}`;
/** The key of a mailbox's cursor in the inbox table. */
export const cursorKey = (mailbox: string) => `cursor#${mailbox}`;

/** The job of the earliest known message of the thread a message answers, if any. */
async function threadJobId(context: InboxContext, email: ReceivedEmail): Promise<string | undefined> {
  const ancestors = [...new Set([email.inReplyTo, ...email.references].filter((id): id is string => Boolean(id)))];
  for (const ancestor of ancestors) {
    const page = await context.tables.query<InboxMessageItem & Record<string, unknown>>('inbox', {
      index: 'byMessageId',
      partitionValue: ancestor,
      limit: 10,
    });
    const matched = page.items.find((item) => item.jobId !== null);
    if (matched?.jobId) return matched.jobId;
  }
  return undefined;
}

/**
 * Takes in one message: classifies it, matches it to an application, and commits its item (body
 * included), the folder's cursor and `email.classified` (no body) together. A message already taken in
 * (same mailbox and Message-ID: a redelivery, or the same mail in two folders) only moves the cursor.
 * Returns whether the message was new.
 */
export async function takeInMessage(context: InboxContext, fetched: FetchedMessage): Promise<boolean> {
  const { email, mailbox } = fetched;
  const messageId = email.messageId ?? `${mailbox}/${fetched.uidValidity}/${fetched.uid}`;
  const now = context.clock.now().toISOString();
  const cursor: InboxCursorItem = {
    key: cursorKey(mailbox),
    cursorOf: mailbox,
    uidValidity: fetched.uidValidity,
    lastUid: fetched.uid,
    updatedAt: now,
  };
  const key = messageKey(mailbox, messageId);
  if (await context.tables.get('inbox', { key })) {
    await context.tables.put('inbox', { ...cursor });
    return false;
  }
  const classification = classifyEmail(context.model, email);
  const match = matchApplication(email, await openApplications(context.tables), await threadJobId(context, email));
  const facts = {
    messageId,
    mailbox,
    emailClass: classification.emailClass,
    confidence: Math.round(classification.confidence * 1000) / 1000,
    decidedBy: classification.decidedBy,
    receivedAt: email.receivedAt,
    jobId: match?.jobId ?? null,
    matchedBy: [...(match?.matchedBy ?? [])],
    interviewAt: email.invitation?.start ?? null,
  };
  const item: InboxMessageItem = {
    key,
    ...facts,
    uid: fetched.uid,
    inReplyTo: email.inReplyTo ?? null,
    references: [...email.references],
    from: { ...email.from },
    subject: email.subject,
    text: email.text,
    storedAt: now,
  };
  const event: OutgoingEvent<'email.classified'> = { detailType: 'email.classified', data: facts };
  const { committed } = await context.outbox.commit({
    writes: [
      { table: 'inbox', item: { ...item }, condition: { kind: 'notExists' } },
      { table: 'inbox', item: { ...cursor } },
    ],
    events: [event],
  });
  if (committed)
    context.logger.info(
      { mailbox, uid: fetched.uid, emailClass: facts.emailClass, confidence: facts.confidence, jobId: facts.jobId },
      'message classified',
    );
  return committed;
}
