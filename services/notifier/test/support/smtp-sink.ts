import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps every message it accepts (parsed), with one login. */
export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly messages: ParsedMail[];
  /** Refuse the next messages with these SMTP reply codes (e.g. 451), then accept again. */
  refuseNext(...codes: number[]): void;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free port of 127.0.0.1 (plain text, login required: a local relay). */
export async function startSmtpSink(user = 'notifier', password = 'smtp-password-of-the-test'): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const code = refusals.shift();
      simpleParser(stream)
        .then((parsed) => {
          if (code !== undefined) {
            callback(Object.assign(new Error('try again later'), { responseCode: code }));
            return;
          }
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    messages,
    refuseNext: (...codes) => void refusals.push(...codes),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A target's email settings that send to this sink: plain SMTP on loopback, from and to fixed test addresses. */
export function sinkEmail(smtp: Pick<SmtpSink, 'host' | 'port' | 'user'>) {
  return {
    host: smtp.host,
    port: smtp.port,
    security: 'none' as const,
    user: smtp.user,
    from: 'jobpipe@example.org',
    to: ['me@example.org'] as [string],
  };
}
