/**
 * Secret-store names of a job site's credentials and session: written by the user (crm-api's
 * `PUT /sites/{site}/credentials`, `jobpipe site add`) and the auth-refresher (the session), read by
 * the auth-refresher and the applier.
 */
export function siteSecretNames(site: string) {
  return {
    username: `site/${site}/username`,
    password: `site/${site}/password`,
    /** Base32 TOTP secret of the site's one-time-code step. */
    totp: `site/${site}/totp`,
    session: `site/${site}/session`,
  } as const;
}
