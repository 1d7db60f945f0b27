import { randomBytes } from 'node:crypto';
import type { BlobStore, SecretStore } from '@jobpipe/shared';
import { siteSecretNames } from '@jobpipe/shared';
import { type JobSite, startJobSite } from '@jobpipe/test-kit/job-site';
import type { ConfigFile } from '../config/config-file.js';

/** The offline demo's job site, as the config file's `jobSite` describes it. */
export interface DemoJobSiteSettings {
  readonly port: number;
  /** The name the config's `sites` and the secret store know it by. */
  readonly site: string;
  /** Blob key of the demo resume (the config's `profile.resumeBlobKey`), stored when missing. */
  readonly resumeBlobKey: string | undefined;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new random TOTP secret (160 bits, base32), as a site shows it when two-step sign-in is turned on. */
function newTotpSecret(): string {
  return [...randomBytes(32)].map((byte) => BASE32[byte % 32]).join('');
}

/** A one-page PDF that says it is a demo resume. */
function demoResume(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n' +
      '4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 720 Td (Demo Applicant - demo resume) Tj ET\nendstream endobj\n' +
      '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/**
 * The demo account of the site: read from the secret store, or made up on the first start (a random
 * password and TOTP secret, never written anywhere but the encrypted secret store) and stored there under
 * the site's names, where the auth-refresher reads them. The site accepts whatever account is stored, so
 * credentials changed in the cockpit are the site's account from the next start on.
 */
async function demoAccount(secrets: SecretStore, site: string): Promise<{ username: string; password: string; totpSecret: string }> {
  const names = siteSecretNames(site);
  const stored = {
    username: await secrets.get(names.username),
    password: await secrets.get(names.password),
    totpSecret: await secrets.get(names.totp),
  };
  const account = {
    username: stored.username ?? 'demo-applicant',
    password: stored.password ?? `demo-${randomBytes(12).toString('base64url')}`,
    totpSecret: stored.totpSecret ?? newTotpSecret(),
  };
  if (stored.username === undefined) await secrets.put(names.username, account.username);
  if (stored.password === undefined) await secrets.put(names.password, account.password);
  if (stored.totpSecret === undefined) await secrets.put(names.totp, account.totpSecret);
  return account;
}

/**
 * Starts the local test job site of the offline demo on its own port (postings with JSON-LD, sign-in
 * with a one-time code, apply forms), with its demo account in the secret store and a demo resume in the
 * blob store, so a dry-run and a real application work on the first `npm start`.
 */
export async function startDemoJobSite(settings: DemoJobSiteSettings, secrets: SecretStore, blobs: BlobStore): Promise<JobSite> {
  const account = await demoAccount(secrets, settings.site);
  if (settings.resumeBlobKey && !(await blobs.exists(settings.resumeBlobKey)))
    await blobs.put(settings.resumeBlobKey, demoResume(), 'application/pdf');
  return startJobSite({ port: settings.port, ...account });
}

/** The resume blob key of the config file's profile, if it names one. */
export function resumeBlobKeyOf(config: ConfigFile): string | undefined {
  const key = (config.pipeline.profile as { resumeBlobKey?: unknown } | undefined)?.resumeBlobKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * The scraper's environment with the job site's host (`127.0.0.1:<port>`) added to the JSON-LD
 * source's allowed hosts, beside any the replay set, so the demo's search may read its postings.
 */
export function scraperEnvWithJobSite(
  env: Readonly<Record<string, string>> | undefined,
  site: JobSite | undefined,
): Record<string, string> {
  if (!site) return { ...env };
  const variable = 'JOBPIPE_SCRAPER_JSONLD_ALLOWED_HOSTS';
  const hosts = [env?.[variable], new URL(site.url).host].filter(Boolean).join(',');
  return { ...env, [variable]: hosts };
}
