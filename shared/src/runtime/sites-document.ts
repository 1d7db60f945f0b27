import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/**
 * One value of a JSON document with the path it sits at (`sites.jobboard.login.url`), so that every
 * complaint about a bad value names where it is.
 */
export class DocumentNode {
  constructor(
    readonly value: unknown,
    /** Where the value sits, as a person reads it. */
    readonly path: string,
  ) {}

  private child(name: string): DocumentNode {
    const fields = this.fields();
    return new DocumentNode(fields[name], `${this.path}.${name}`);
  }

  /** The value as an object; throws when it is not one. */
  fields(): Record<string, unknown> {
    const value = this.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${this.path} must be an object`);
    return value as Record<string, unknown>;
  }

  /** Whether the field is present. */
  has(name: string): boolean {
    return this.fields()[name] !== undefined;
  }

  /** A field that must be an object. */
  object(name: string): DocumentNode {
    const node = this.child(name);
    node.fields();
    return node;
  }

  /** A field that may be left out, or else must be an object. */
  optionalObject(name: string): DocumentNode | undefined {
    return this.has(name) ? this.object(name) : undefined;
  }

  /** A field that must be a non-empty string. */
  text(name: string): string {
    const { value, path } = this.child(name);
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${path} must be a non-empty string`);
    return value;
  }

  /** A field that may be left out, or else must be a non-empty string. */
  optionalText(name: string): string | undefined {
    return this.has(name) ? this.text(name) : undefined;
  }

  /** A field that must be a list: its items, each with its path (`fields[0]`). */
  list(name: string): DocumentNode[] {
    const { value, path } = this.child(name);
    if (!Array.isArray(value)) throw new Error(`${path} must be a list`);
    return value.map((item, index) => new DocumentNode(item, `${path}[${index}]`));
  }

  /** The item as a non-empty string (for list items). */
  asText(): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') throw new Error(`${this.path} must be a non-empty string`);
    return this.value;
  }
}

/** The part one service reads of one site of a sites document. */
export interface SiteSection {
  readonly site: string;
  /** Origin the site's relative URLs and session cookies belong to. */
  readonly baseUrl: string;
  readonly section: DocumentNode;
}

/**
 * The `<section>` part (`login`, `apply`) of every site of a sites document
 * (`{ sites: { <site>: { baseUrl, login?, apply? } } }`); sites without that part are left out. The
 * applier and the auth-refresher read the same file, each its own part. Throws with the path of a bad value.
 */
export function siteSections(document: unknown, section: string): SiteSection[] {
  const sites = new DocumentNode(document, 'sites document').fields().sites;
  const result: SiteSection[] = [];
  for (const [site, raw] of Object.entries(new DocumentNode(sites, 'sites').fields())) {
    const entry = new DocumentNode(raw, `sites.${site}`);
    const part = entry.optionalObject(section);
    if (part) result.push({ site, baseUrl: entry.text('baseUrl'), section: part });
  }
  return result;
}

/**
 * Reads the sites file an environment variable names with a service's parser; no file configured means
 * no sites. A file that cannot be read or parsed is a {@link ConfigError} naming the variable and the reason.
 */
export function readSitesFile<Site>(
  variable: string,
  path: string | undefined,
  parse: (document: unknown) => Map<string, Site>,
): Map<string, Site> {
  if (!path) return new Map();
  try {
    return parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new ConfigError(`${variable}='${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
}
