// What the tests need from the operating system, where `npm test` looks for it, and how to get it.
// Shared by the test runners (scripts/test-all.mjs installs what is missing when it can; scripts/run-tests.mjs
// skips a suite whose needs are missing, with one line naming the package to install).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';

/** True when the file exists and may be executed. */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The newest PostgreSQL server tools Debian's `postgresql` package installed, if any. */
function postgresBinaries() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => `${root}/${version}/bin/initdb`).find(isExecutable);
}

/**
 * The system needs of the test suites, by the suffix of a test file's name. The browser paths can be
 * pointed elsewhere (JOBPIPE_TEST_CHROMIUM, JOBPIPE_TEST_CHROMEDRIVER), e.g. at a missing file to try how a
 * machine without them behaves.
 */
export function systemNeeds(env = process.env) {
  const chromium = env.JOBPIPE_TEST_CHROMIUM ?? '/usr/bin/chromium';
  const chromedriver = env.JOBPIPE_TEST_CHROMEDRIVER ?? '/usr/bin/chromedriver';
  const dovecot = env.JOBPIPE_TEST_DOVECOT ?? '/usr/sbin/dovecot';
  return [
    {
      suffix: '.browser.test.ts',
      reason: 'no chromium',
      packages: ['chromium', 'chromium-driver'],
      present: () => isExecutable(chromium) && isExecutable(chromedriver),
    },
    {
      suffix: '.postgres.test.ts',
      reason: 'no postgresql',
      packages: ['postgresql'],
      present: () => postgresBinaries() !== undefined,
    },
    {
      // The inbox's IMAP tests run against Dovecot (Debian's IMAP server), started by the tests themselves.
      suffix: '.dovecot.test.ts',
      reason: 'no dovecot',
      packages: ['dovecot-imapd'],
      present: () => isExecutable(dovecot),
    },
  ];
}

/** The Debian packages missing for the suites, in install order. */
export function missingPackages(env = process.env) {
  return systemNeeds(env)
    .filter((need) => !need.present())
    .flatMap((need) => need.packages);
}

/**
 * Installs the missing packages with apt-get when this process may (root, apt-get present, not opted out
 * with JOBPIPE_TEST_NO_INSTALL=1), saying what it installs. Returns a line saying why it did not, or undefined.
 */
export function installMissingPackages(env = process.env) {
  const missing = missingPackages(env);
  if (missing.length === 0) return undefined;
  if (env.JOBPIPE_TEST_NO_INSTALL === '1')
    return `not installing ${missing.join(' ')} (JOBPIPE_TEST_NO_INSTALL=1): their tests are skipped`;
  if (process.getuid?.() !== 0 || !isExecutable('/usr/bin/apt-get'))
    return `not root with apt-get: install ${missing.join(' ')} yourself to run their tests (skipped now)`;
  console.log(`npm test: installing ${missing.join(' ')} with apt-get for the browser, PostgreSQL and IMAP tests …`);
  const quiet = { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const update = spawnSync('apt-get', ['update', '-qq'], { ...quiet, timeout: 300_000 });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { ...quiet, timeout: 900_000 }) : update;
  if (install.status !== 0) {
    const why = (install.stderr ?? '').trim().split('\n').pop() || `exit ${install.status ?? install.signal}`;
    return `apt-get could not install ${missing.join(' ')} (${why}): their tests are skipped`;
  }
  return undefined;
}
