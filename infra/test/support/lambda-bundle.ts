import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** What a script run inside a bundle's folder left behind. */
export interface BundleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment a jobpipe function sees on Lambda, as far as loading goes: the AWS transport, a
 * region and credentials (never used to reach AWS here), and nothing else of this machine's.
 */
const LAMBDA_ENVIRONMENT = {
  JOBPIPE_TRANSPORT: 'aws',
  JOBPIPE_LOG_LEVEL: 'silent',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * Runs an ES module script in a child process whose working folder is a bundle's folder, as the Lambda
 * runtime does (`import('./index.mjs')` resolves against it). `environment` adds to the Lambda-like one.
 */
export function runInBundle(bundleDir: string, script: string, environment: Record<string, string> = {}): Promise<BundleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: bundleDir,
      env: { PATH: process.env.PATH, ...LAMBDA_ENVIRONMENT, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last line a script printed, parsed as JSON (scripts print their result last, after any logs). */
export function lastJsonLine<T>(run: BundleRun): T {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}

/** A local port nothing listens on, so AWS SDK calls pointed at it fail at once with ECONNREFUSED. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
