/**
 * Replaces every known secret value in a text (an error message from the browser or the site) so it can
 * go into a log, an event or a table. Short values are skipped: they would blank out ordinary words.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
