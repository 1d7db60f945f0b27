/** Raw RFC 5322 messages for the tests, built the way the senders' mail systems shape them. */

/** A plain-text message. */
export function plainMessage(fields: {
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly date?: string;
}): string {
  return [
    `From: ${fields.from}`,
    'To: Alex Morgan <alex@example.org>',
    `Subject: ${fields.subject}`,
    `Date: ${fields.date ?? 'Mon, 07 Dec 2026 09:15:00 +0000'}`,
    `Message-ID: ${fields.messageId}`,
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`, `References: ${fields.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...fields.text.split('\n'),
    '',
  ].join('\r\n');
}

/** A calendar invitation as calendar servers send it: text, HTML and the text/calendar part, plus the .ics attachment. */
export function invitationMessage(fields: {
  readonly from: string;
  readonly subject: string;
  readonly messageId: string;
  readonly ics: string;
}): string {
  const ics = fields.ics.replace(/\r?\n/g, '\r\n');
  return [
    `From: ${fields.from}`,
    'To: alex@example.org',
    `Subject: ${fields.subject}`,
    'Date: Tue, 01 Dec 2026 09:15:00 +0000',
    `Message-ID: ${fields.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'You have been invited to the following event.',
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>You have been invited to the following event.</p>',
    '--inner',
    'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
    'Content-Transfer-Encoding: 7bit',
    '',
    ics,
    '--inner--',
    '--outer',
    'Content-Type: application/ics; name="invite.ics"',
    'Content-Disposition: attachment; filename="invite.ics"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(ics).toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');
}
