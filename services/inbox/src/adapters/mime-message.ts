/**
 * Reads a raw RFC 5322 message (as IMAP FETCH BODY[] returns it) with mailparser: the headers that tie
 * it to a thread, the sender, the subject, the plain-text body (mailparser turns an HTML-only body into
 * text) and the first calendar invitation it carries, as a text/calendar part or an .ics attachment.
 */
import { simpleParser } from 'mailparser';
import { invitationStart } from '../domain/calendar-invitation.js';
import type { ReceivedEmail } from '../domain/email.js';

/** Bodies longer than this are cut: the inbox table item keeps at most this many characters. */
export const MAX_BODY_CHARS = 200_000;

const isCalendar = (contentType: string, filename: string | undefined) =>
  contentType.toLowerCase().startsWith('text/calendar') || Boolean(filename?.toLowerCase().endsWith('.ics'));

function referencesOf(references: string | string[] | undefined): string[] {
  if (!references) return [];
  return (Array.isArray(references) ? references : references.split(/\s+/)).filter(Boolean).slice(0, 100);
}

/** The message's parts the inbox uses; `arrivedAt` (the server's INTERNALDATE) stands in for a missing Date. */
export async function readMimeMessage(source: Buffer, arrivedAt: Date): Promise<ReceivedEmail> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const sender = mail.from?.value[0];
  const calendar = mail.attachments.find((attachment) => isCalendar(attachment.contentType, attachment.filename));
  const start = calendar ? invitationStart(calendar.content.toString('utf8')) : undefined;
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : arrivedAt;
  return {
    messageId: mail.messageId || undefined,
    inReplyTo: mail.inReplyTo || undefined,
    references: referencesOf(mail.references),
    from: { address: (sender?.address ?? '').toLowerCase(), ...(sender?.name ? { name: sender.name } : {}) },
    subject: (mail.subject ?? '').slice(0, 2000),
    text: (mail.text ?? '').slice(0, MAX_BODY_CHARS),
    receivedAt: date.toISOString(),
    invitation: start ? { start } : undefined,
  };
}
