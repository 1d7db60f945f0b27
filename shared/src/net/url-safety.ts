import ipaddr from 'ipaddr.js';

/** Schemes a URL fetched for the user (a search page, an imported posting, a webhook) may use. */
const WEB_SCHEMES = new Set(['http:', 'https:']);

/** The hint a refusal ends with unless the caller names its own setting. */
const DEFAULT_ALLOW_HINT = 'list the host in allowPrivateHosts to allow it';

/**
 * The URL's host as the WHATWG parser normalizes it, lower case, without IPv6 brackets: the parser
 * already turns every numeric spelling of an IPv4 address (`2130706433`, `0x7f.1`, `0177.0.0.1`) into
 * dotted form, so one check covers them all. Undefined when the text is not an absolute URL.
 */
function normalizedHost(url: string): { scheme: string; host: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return { scheme: parsed.protocol, host: parsed.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1') };
}

function nonWebReason(target: { scheme: string } | undefined): string | undefined {
  if (!target) return 'is not an absolute URL';
  return WEB_SCHEMES.has(target.scheme) ? undefined : `uses '${target.scheme.replace(/:$/, '')}'; only http and https URLs are allowed`;
}

/** Why a host is not on the public internet (loopback, link-local, private, ...), or undefined when it is. */
function nonPublicRange(host: string): string | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (!ipaddr.isValid(host)) return undefined;
  // ipaddr.process unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) so it is judged as the IPv4 address it is.
  const range = ipaddr.process(host).range();
  return range === 'unicast' ? undefined : range;
}

/** A host as the user writes it (`127.0.0.1`, `intranet.local`, `::1`), normalized as a URL's host is. */
function hostAsWritten(host: string): string | undefined {
  return normalizedHost(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`)?.host;
}

/**
 * Why a host must not be contacted for the user, or undefined when it may: loopback, link-local (the
 * cloud metadata service at 169.254.169.254), private, unique-local and other special ranges are
 * refused in every spelling unless the host is in `allowedHosts`. `allowHint` ends the refusal (which
 * setting lists allowed hosts).
 */
export function nonPublicHostReason(
  host: string,
  allowedHosts: readonly string[] = [],
  allowHint = DEFAULT_ALLOW_HINT,
): string | undefined {
  const normalized = hostAsWritten(host);
  if (normalized === undefined) return `'${host}' is not a host name`;
  const range = nonPublicRange(normalized);
  if (range === undefined) return undefined;
  if (allowedHosts.some((allowed) => hostAsWritten(allowed) === normalized)) return undefined;
  return `points at '${normalized}', a ${range} address; ${allowHint}`;
}

/**
 * Why a URL must not be fetched for the user, or undefined when it may: only http(s) URLs pass, and
 * only to hosts on the public internet unless the host is in `allowedHosts` (see
 * {@link nonPublicHostReason}). Pure: looks at the text only (a public name that resolves to a private
 * address is the fetcher's concern). The reason names the host, never the URL's path or query, so it may
 * be logged even when the URL carries a token.
 */
export function unsafeUrlReason(url: string, allowedHosts: readonly string[] = [], allowHint = DEFAULT_ALLOW_HINT): string | undefined {
  const target = normalizedHost(url);
  const schemeReason = nonWebReason(target);
  if (!target || schemeReason) return schemeReason;
  return nonPublicHostReason(target.host, allowedHosts, allowHint);
}

/** Why a URL is refused as a link (not http or https), or undefined when it is fine. */
export function nonWebUrlReason(url: string): string | undefined {
  return nonWebReason(normalizedHost(url));
}

/**
 * Why a fetch must not connect to `address`, the address `hostname` resolved to, or undefined when it
 * may: a public name that resolves to a loopback, link-local or private address is refused as the address
 * itself would be, unless the name or the address is in `allowedHosts`.
 */
export function unsafeAddressReason(hostname: string, address: string, allowedHosts: readonly string[] = []): string | undefined {
  const range = nonPublicRange(address.toLowerCase());
  if (range === undefined) return undefined;
  const names = new Set([hostname, address].map((name) => name.toLowerCase().replace(/^\[(.*)\]$/, '$1')));
  if (allowedHosts.some((host) => names.has(host.toLowerCase().replace(/^\[(.*)\]$/, '$1')))) return undefined;
  return `'${hostname}' resolves to ${address}, a ${range} address; list the host in allowPrivateHosts to read it`;
}
