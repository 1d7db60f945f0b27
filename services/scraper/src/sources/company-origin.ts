/**
 * Where one company's careers site answers, for services that give each company its own subdomain
 * (`https://<company>.recruitee.com`, `https://<company>.jobs.personio.de`). With the live base URL
 * (`https://<liveDomain>`) that subdomain; with any other base URL (a proxy, the replay), which serves
 * every company, the company's path under it (`<base>/<company>`).
 */
export function companyOrigin(baseUrl: string, liveDomain: string, company: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return new URL(base).hostname === liveDomain ? `https://${company}.${liveDomain}` : `${base}/${company}`;
}
