import type { JobpipeConfig } from '@jobpipe/contracts';
import ipaddr from 'ipaddr.js';

/** Schemes a scraped or imported URL may use. */
const WEB_SCHEMES = new Set(['http:', 'https:']);

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

/**
 * Why a URL must not be fetched for the user, or undefined when it may: only http(s) URLs pass, and
 * only to hosts on the public internet — loopback, link-local (the cloud metadata service at
 * 169.254.169.254), private, unique-local and other special ranges are refused in every spelling
 * unless the host is in `allowedHosts` (written as the user would: `127.0.0.1`, `intranet.local`, `::1`).
 * Pure: looks at the text only (a public name that resolves to a private address is the fetcher's
 * concern).
 */
export function unsafeUrlReason(url: string, allowedHosts: readonly string[] = []): string | undefined {
  const target = normalizedHost(url);
  const schemeReason = nonWebReason(target);
  if (!target || schemeReason) return schemeReason;
  const range = nonPublicRange(target.host);
  if (range === undefined) return undefined;
  const allowed = allowedHosts.some((host) => normalizedHost(`http://${host.includes(':') ? `[${host}]` : host}/`)?.host === target.host);
  if (allowed) return undefined;
  return `points at '${target.host}', a ${range} address; list the host in the search's allowPrivateHosts to allow it`;
}

/** Why an imported job's URL is refused (not http or https), or undefined when it is fine. */
export function nonWebUrlReason(url: string): string | undefined {
  return nonWebReason(normalizedHost(url));
}

/** Every search URL, and host a search allows its source to fetch from, that must not be fetched, as `<JSON pointer>: <reason>`. */
export function unsafeSearchUrls(config: JobpipeConfig): string[] {
  return config.searches.flatMap((search, searchIndex) => [
    ...(search.urls ?? []).flatMap((url, urlIndex) => {
      const reason = unsafeUrlReason(url, search.allowPrivateHosts);
      return reason ? [`/searches/${searchIndex}/urls/${urlIndex}: ${reason}`] : [];
    }),
    // An allowed host is a URL's host written alone (`careers.example.com`, `*.example.com`, `10.0.0.5:8080`).
    ...(search.allowHosts ?? []).flatMap((host, hostIndex) => {
      const reason = unsafeUrlReason(`http://${host.replace(/^\*\./, '')}/`, search.allowPrivateHosts);
      return reason ? [`/searches/${searchIndex}/allowHosts/${hostIndex}: ${reason}`] : [];
    }),
  ]);
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
