/**
 * Names of the secrets a user sets (in the secret store: an encrypted file embedded, Secrets Manager under
 * `<prefix>/` on AWS). The services read them by these names by default and the CDK app creates them by
 * these names, so the two cannot drift apart. Session cookies and site logins are named per site at run time.
 */
export const USER_SECRET_NAMES = {
  /** The USAJOBS API key the scraper sends (`Authorization-Key`). */
  usajobsApiKey: 'usajobs-api-key',
  /** The Google service-account credentials JSON of the sheets bridge. */
  sheetsCredentials: 'sheets-bridge/google-credentials',
} as const;

/** Name of a secret a user sets. */
export type UserSecretName = (typeof USER_SECRET_NAMES)[keyof typeof USER_SECRET_NAMES];

/**
 * Settings the cockpit and `jobpipe sheets connect` keep in the secret store beside the user's secrets,
 * read by the services when their environment does not set them. Unlike {@link USER_SECRET_NAMES}
 * the CDK app does not create them (a created secret holds a random value, which would read as set).
 */
export const SETTING_SECRET_NAMES = {
  /** The id of the spreadsheet the sheets bridge keeps in step (when JOBPIPE_SHEETS_SPREADSHEET_ID is unset). */
  sheetsSpreadsheetId: 'sheets-bridge/spreadsheet-id',
} as const;
