export { EMAIL_CLASSES, type EmailClass, isEmailClass } from '@jobpipe/contracts';

/** A mailbox address with its display name. */
export interface EmailAddress {
  readonly address: string;
  readonly name?: string;
}

/** The parts of a message the classifier reads. */
export interface EmailContent {
  readonly from: EmailAddress;
  readonly subject: string;
  /** The plain-text body (the HTML part turned into text when there is no text part). */
  readonly text: string;
  /** Set when the message carries an iCalendar invitation (METHOD:REQUEST) for an event. */
  readonly invitation?: { readonly start: string } | undefined;
}

/** A message as read from the mailbox: its content and what ties it to others. */
export interface ReceivedEmail extends EmailContent {
  /** The Message-ID header, when the message has one. */
  readonly messageId: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
  /** The Date header (or the server's arrival time), ISO 8601. */
  readonly receivedAt: string;
}

/** The domain of an address, lower-cased ('' when it has none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
