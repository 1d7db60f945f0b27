import { nonPublicHostReason, PermanentError, TransientError } from '@jobpipe/shared';
import { createTransport } from 'nodemailer';
import type { EmailContent } from '../domain/email-content.js';
import type { EmailRoute } from '../domain/notification-targets.js';

/** One message over SMTP. */
export interface SmtpMessage {
  /** The target's name (what errors say). */
  readonly target: string;
  readonly route: EmailRoute;
  /** The SMTP password; undefined for a server without authentication. */
  readonly password: string | undefined;
  readonly content: EmailContent;
  /** The notification's id: the Message-ID is made from it, so a repeat is recognisably the same message. */
  readonly notificationId: string;
  readonly allowPrivateHosts: readonly string[];
  readonly timeoutMs: number;
}

/** What nodemailer's errors carry: its code (`EAUTH`, `ECONNECTION`, …) and the server's reply. */
interface SmtpError {
  readonly code?: string;
  readonly responseCode?: number;
}

/**
 * Sends the message through the target's SMTP server (nodemailer): starttls (the default) refuses a
 * server that cannot upgrade, tls speaks TLS from the start, none is plain text. The server's host must
 * pass the same SSRF check as webhook URLs. A 5xx reply or refused login is permanent; a 4xx reply, a
 * connection failure or a timeout is worth another try.
 */
export async function sendSmtp(message: SmtpMessage): Promise<void> {
  const { route } = message;
  const refused = nonPublicHostReason(route.host, message.allowPrivateHosts, "list the host in the target's allowPrivateHosts to allow it");
  if (refused) throw new PermanentError('SMTP_HOST_REFUSED', `target '${message.target}': the SMTP server ${refused}`);
  if (route.user && message.password === undefined)
    throw new PermanentError('SMTP_PASSWORD_MISSING', `target '${message.target}': no SMTP password in the secret store`);
  const transport = createTransport({
    host: route.host,
    port: route.port,
    secure: route.security === 'tls',
    requireTLS: route.security === 'starttls',
    ignoreTLS: route.security === 'none',
    ...(route.user ? { auth: { user: route.user, pass: message.password ?? '' } } : {}),
    connectionTimeout: message.timeoutMs,
    greetingTimeout: message.timeoutMs,
    socketTimeout: message.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: route.from,
      to: [...route.to],
      subject: message.content.subject,
      text: message.content.text,
      html: message.content.html,
      messageId: `<${message.notificationId}@notifier.jobpipe>`,
    });
  } catch (error) {
    const { code, responseCode } = error as SmtpError;
    const what = responseCode ? `answered ${responseCode}` : `failed (${code ?? 'unknown error'})`;
    const text = `target '${message.target}': the SMTP server ${what}`;
    if (code === 'EAUTH' || (responseCode !== undefined && responseCode >= 500)) throw new PermanentError('SMTP_REFUSED', text);
    throw new TransientError('SMTP_FAILED', text);
  } finally {
    transport.close();
  }
}
