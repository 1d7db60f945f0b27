import { authenticator } from 'otplib';

/** The current 6-digit TOTP code of a base32 secret (RFC 6238, the authenticator-app defaults). */
export function currentOneTimeCode(secretBase32: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime() }).generate(secretBase32);
}
