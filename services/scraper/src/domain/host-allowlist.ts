/**
 * The hosts one source may fetch from. An entry is a host as in a URL (`api.lever.co`,
 * `127.0.0.1:8080`) or a wildcard for subdomains (`*.greenhouse.io`). Ports must match exactly, so
 * allowing one local replay port allows no other local service.
 */
export class HostAllowlist {
  private readonly entries: readonly string[];

  constructor(entries: Iterable<string>) {
    this.entries = [...new Set([...entries].map((entry) => entry.trim().toLowerCase()).filter(Boolean))];
  }

  /** The host of a URL string, or undefined when it is not an http(s) URL with a host. */
  static hostOf(url: string): string | undefined {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
      if (parsed.username || parsed.password) return undefined;
      return parsed.host.toLowerCase() || undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether the URL is http(s), has no credentials, and its host is on the list. */
  allows(url: string): boolean {
    const host = HostAllowlist.hostOf(url);
    if (!host) return false;
    return this.entries.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry));
  }

  /** The entries, for messages. */
  list(): readonly string[] {
    return this.entries;
  }
}
