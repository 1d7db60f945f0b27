/**
 * A real IMAP server for the tests: Debian's Dovecot (package dovecot-imapd), started in the foreground
 * with a configuration of its own in a temp folder: one user with a password, Maildir storage, plain
 * IMAP on a free port of 127.0.0.1 (no TLS: the tests check the protocol, not certificates). As root the
 * mail is owned by the package's `dovecot` user (Dovecot refuses mail access as uid 0); otherwise by
 * the user running the tests.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { tempDir } from '../temp-dir.js';

/** Where Debian installs the server (JOBPIPE_TEST_DOVECOT points elsewhere, as scripts/system-packages.mjs reads it). */
export const DOVECOT_BINARY = process.env.JOBPIPE_TEST_DOVECOT ?? '/usr/sbin/dovecot';

/** A running Dovecot with one mail user. */
export interface TestImapServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Delivers a raw RFC 5322 message to the user's INBOX (IMAP APPEND over a session of its own). */
  deliver(raw: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.connect(port, '127.0.0.1');
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not greet on port ${port}: ${log()}`);
}

/** Starts Dovecot with one user (`alex` / a random password) and an empty INBOX. */
export async function startDovecot(): Promise<TestImapServer> {
  const dir = tempDir('jobpipe-dovecot-');
  const port = await freePort();
  const user = 'alex';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const me = userInfo();
  const asRoot = me.uid === 0;
  const idOf = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  const owner = asRoot ? { uid: idOf('-u'), gid: idOf('-g') } : { uid: me.uid, gid: me.gid };
  // Dovecot's auth and mail processes run as the dovecot user when started as root: they must reach the folder.
  if (asRoot) chmodSync(dir.path, 0o755);
  const home = join(dir.path, 'home');
  mkdirSync(join(home, user), { recursive: true });
  if (asRoot) chownSync(join(home, user), owner.uid, owner.gid);
  writeFileSync(join(dir.path, 'users'), `${user}:{PLAIN}${password}\n`);
  const loginUser = asRoot ? 'dovenull' : me.username;
  writeFileSync(
    join(dir.path, 'dovecot.conf'),
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${join(dir.path, 'run')}`,
      `state_dir = ${join(dir.path, 'state')}`,
      `log_path = ${join(dir.path, 'dovecot.log')}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${asRoot ? 'dovecot' : me.username}`,
      `default_login_user = ${loginUser}`,
      `first_valid_uid = ${owner.uid}`,
      `mail_location = maildir:${home}/%u/Maildir`,
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${join(dir.path, 'users')}\n}`,
      `userdb {\n  driver = static\n  args = uid=${owner.uid} gid=${owner.gid} home=${home}/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service stats {\n  unix_listener stats-reader {\n    mode = 0666\n  }\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', join(dir.path, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const log = () => stderr.trim();
  try {
    await waitForGreeting(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    dir.remove();
    throw error;
  }
  let sender: ImapFlow | undefined;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async deliver(raw) {
      if (!sender?.usable) {
        sender = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
        await sender.connect();
      }
      await sender.append('INBOX', raw);
    },
    async stop() {
      await sender?.logout().catch(() => sender?.close());
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}
