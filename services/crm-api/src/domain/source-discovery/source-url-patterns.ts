import type { DiscoveredSourceName } from './discovered-source.js';

/** What a URL's shape says about the source behind it. */
export type UrlPatternMatch =
  /** The source, and the board or search terms the URL names. */
  | {
      readonly kind: 'match';
      readonly source: DiscoveredSourceName;
      readonly board?: string;
      readonly keywords?: string;
      readonly location?: string;
    }
  /** The URL is on the source's host but does not name what a search of it needs (why, in `missing`). */
  | { readonly kind: 'incomplete'; readonly source: DiscoveredSourceName; readonly missing: string };

type Recognizer = (host: string, segments: readonly string[], query: URLSearchParams) => UrlPatternMatch | undefined;

/** A board or company name as ATS URLs spell them: letters, digits, `-`, `_`, `.`. */
const BOARD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A Workday site name (`External_Careers`), as the scraper's board format allows it. */
const WORKDAY_SITE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** A locale path segment (`en-US`, `fr`) that Workday and others put before the site. */
const LOCALE = /^[a-z]{2}(?:[-_][A-Za-z]{2})?$/;

function boardName(segment: string | undefined): string | undefined {
  return segment !== undefined && BOARD_NAME.test(segment) ? segment : undefined;
}

function match(source: DiscoveredSourceName, fields: { board?: string; keywords?: string; location?: string }): UrlPatternMatch {
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
  return { kind: 'match', source, ...present };
}

function boardOrIncomplete(source: DiscoveredSourceName, board: string | undefined, missing: string): UrlPatternMatch {
  return board ? match(source, { board }) : { kind: 'incomplete', source, missing };
}

const greenhouse: Recognizer = (host, segments, query) => {
  if (!/^(?:job-boards|boards)(?:\.eu)?\.greenhouse\.io$|^boards-api(?:\.eu)?\.greenhouse\.io$|^api\.greenhouse\.io$/.test(host))
    return undefined;
  // Embedded boards and application forms name the board in `for` (embed/job_board, embed/job_app, embed/job_board/js).
  const embedded = boardName(query.get('for') ?? undefined);
  const fromPath =
    segments[0] === 'v1' && segments[1] === 'boards'
      ? boardName(segments[2])
      : segments[0] === 'embed'
        ? undefined
        : boardName(segments[0]);
  return boardOrIncomplete('greenhouse', (embedded ?? fromPath)?.toLowerCase(), 'a board token (boards.greenhouse.io/<token>)');
};

const lever: Recognizer = (host, segments) => {
  if (/^jobs(?:\.eu)?\.lever\.co$/.test(host))
    return boardOrIncomplete('lever', boardName(segments[0])?.toLowerCase(), 'a company (jobs.lever.co/<company>)');
  if (/^api(?:\.eu)?\.lever\.co$/.test(host))
    return boardOrIncomplete(
      'lever',
      segments[0] === 'v0' && segments[1] === 'postings' ? boardName(segments[2])?.toLowerCase() : undefined,
      'a company (api.lever.co/v0/postings/<company>)',
    );
  return undefined;
};

/** The Workday site of a path: after an optional locale, or in the candidate-experience API path `/wday/cxs/<tenant>/<site>`. */
function workdaySite(segments: readonly string[]): string | undefined {
  const path = segments[0] !== undefined && LOCALE.test(segments[0]) ? segments.slice(1) : segments;
  const site = path[0] === 'wday' && path[1] === 'cxs' ? path[3] : path[0];
  return site !== undefined && WORKDAY_SITE.test(site) && site !== 'wday' ? site : undefined;
}

const workday: Recognizer = (host, segments) => {
  const jobsHost = /^([a-z0-9][a-z0-9-]{0,62})\.(wd\d{1,3})\.myworkdayjobs\.com$/.exec(host);
  if (jobsHost) {
    const site = workdaySite(segments);
    return boardOrIncomplete(
      'workday',
      site && `${jobsHost[1]}.${jobsHost[2]}/${site}`,
      'a career site (<tenant>.wd<N>.myworkdayjobs.com/<site>)',
    );
  }
  // The same career sites under the shared host: wd<N>.myworkdaysite.com/[<locale>/]recruiting/<tenant>/<site>.
  const siteHost = /^(wd\d{1,3})\.myworkdaysite\.com$/.exec(host);
  if (siteHost) {
    const path = segments[0] !== undefined && LOCALE.test(segments[0]) ? segments.slice(1) : segments;
    const tenant = path[0] === 'recruiting' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(path[1] ?? '') ? path[1] : undefined;
    const site = path[2] !== undefined && WORKDAY_SITE.test(path[2]) ? path[2] : undefined;
    return boardOrIncomplete(
      'workday',
      tenant && site && `${tenant}.${siteHost[1]}/${site}`,
      'a tenant and site (recruiting/<tenant>/<site>)',
    );
  }
  if (/^[a-z0-9-]+\.myworkdayjobs\.com$/.test(host))
    return { kind: 'incomplete', source: 'workday', missing: 'the data-centre label of the host (<tenant>.wd<N>.myworkdayjobs.com)' };
  return undefined;
};

const smartrecruiters: Recognizer = (host, segments) => {
  const missing = 'a company identifier (jobs.smartrecruiters.com/<company>)';
  if (host === 'careers.smartrecruiters.com') return boardOrIncomplete('smartrecruiters', boardName(segments[0]), missing);
  if (host === 'jobs.smartrecruiters.com') {
    const company = segments[0] === 'oneclick-ui' && segments[1] === 'company' ? segments[2] : segments[0];
    return boardOrIncomplete('smartrecruiters', boardName(company), missing);
  }
  if (host === 'api.smartrecruiters.com')
    return boardOrIncomplete(
      'smartrecruiters',
      segments[0] === 'v1' && segments[1] === 'companies' ? boardName(segments[2]) : undefined,
      missing,
    );
  return undefined;
};

const ashby: Recognizer = (host, segments) => {
  const missing = 'an organization (jobs.ashbyhq.com/<organization>)';
  if (host === 'jobs.ashbyhq.com') return boardOrIncomplete('ashby', boardName(segments[0]), missing);
  if (host === 'api.ashbyhq.com')
    return boardOrIncomplete(
      'ashby',
      segments[0] === 'posting-api' && segments[1] === 'job-board' ? boardName(segments[2]) : undefined,
      missing,
    );
  return undefined;
};

/** Subdomains of an ATS's own site that are not a company's board. */
const RESERVED_SUBDOMAINS = new Set([
  'www',
  'api',
  'app',
  'apply',
  'help',
  'support',
  'blog',
  'docs',
  'status',
  'careers',
  'jobs',
  'resources',
]);

function companySubdomain(host: string, domain: RegExp): string | undefined {
  const found = domain.exec(host);
  const company = found?.[1];
  return company !== undefined && !RESERVED_SUBDOMAINS.has(company) ? company : undefined;
}

const recruitee: Recognizer = (host) => {
  if (!host.endsWith('recruitee.com')) return undefined;
  const company = companySubdomain(host, /^([a-z0-9][a-z0-9-]{0,62})\.recruitee\.com$/);
  return company ? match('recruitee', { board: company }) : undefined;
};

const workable: Recognizer = (host, segments) => {
  if (host === 'apply.workable.com') {
    const missing = 'an account (apply.workable.com/<account>)';
    if (segments[0] === 'api') {
      const accountsAt = segments.indexOf('accounts');
      return boardOrIncomplete('workable', accountsAt > 0 ? boardName(segments[accountsAt + 1])?.toLowerCase() : undefined, missing);
    }
    // apply.workable.com/j/<shortcode> is a short link without the account.
    return boardOrIncomplete('workable', segments[0] === 'j' ? undefined : boardName(segments[0])?.toLowerCase(), missing);
  }
  const legacy = companySubdomain(host, /^([a-z0-9][a-z0-9-]{0,62})\.workable\.com$/);
  return legacy ? match('workable', { board: legacy }) : undefined;
};

const personio: Recognizer = (host) => {
  const company = companySubdomain(host, /^([a-z0-9][a-z0-9-]{0,62})\.jobs\.personio\.(?:de|com)$/);
  return company ? match('personio', { board: company }) : undefined;
};

const mcf: Recognizer = (host, segments, query) => {
  if (!/^(?:www\.)?mycareersfuture\.gov\.sg$/.test(host) && host !== 'api.mycareersfuture.gov.sg') return undefined;
  return match('mcf', { keywords: segments[0] === 'search' ? (query.get('search') ?? undefined) : undefined });
};

const usajobs: Recognizer = (host, segments, query) => {
  if (!/^(?:www\.)?usajobs\.gov$|^data\.usajobs\.gov$/.test(host)) return undefined;
  const lower = new URLSearchParams([...query].map(([name, value]): [string, string] => [name.toLowerCase(), value]));
  const isSearch = segments.some((segment) => segment.toLowerCase() === 'search');
  return match('usajobs', {
    keywords: isSearch ? (lower.get('k') ?? lower.get('keyword') ?? undefined) : undefined,
    location: isSearch ? (lower.get('l') ?? lower.get('locationname') ?? undefined) : undefined,
  });
};

const RECOGNIZERS: readonly Recognizer[] = [
  greenhouse,
  lever,
  workday,
  smartrecruiters,
  ashby,
  recruitee,
  workable,
  personio,
  mcf,
  usajobs,
];

/**
 * What the shape of a URL says: the ATS and board (`jobs.lever.co/acme/<id>/apply` → lever `acme`), the
 * job portal and its search terms, a host of a known source that names no board, or undefined when the
 * URL's host is no known source's.
 */
export function matchSourceUrl(url: URL): UrlPatternMatch | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  for (const recognize of RECOGNIZERS) {
    const found = recognize(host, segments, url.searchParams);
    if (found) return found;
  }
  return undefined;
}
