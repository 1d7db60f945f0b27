import type { JobLocation } from './extracted-posting.js';

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);
const COUNTRIES = new Set([
  'united states',
  'usa',
  'us',
  'united kingdom',
  'uk',
  'gb',
  'england',
  'scotland',
  'ireland',
  'germany',
  'france',
  'spain',
  'italy',
  'netherlands',
  'belgium',
  'switzerland',
  'austria',
  'sweden',
  'norway',
  'denmark',
  'finland',
  'poland',
  'portugal',
  'czechia',
  'canada',
  'mexico',
  'brazil',
  'argentina',
  'australia',
  'new zealand',
  'singapore',
  'malaysia',
  'indonesia',
  'philippines',
  'thailand',
  'vietnam',
  'india',
  'japan',
  'china',
  'hong kong',
  'taiwan',
  'south korea',
  'israel',
  'united arab emirates',
  'uae',
  'south africa',
  'nigeria',
  'kenya',
  'egypt',
]);
const WIDE_REGIONS =
  /^(europe|emea|apac|asia|americas|north america|latin america|latam|worldwide|global|anywhere|eu|africa|middle east)$/i;

/**
 * A location from how boards write it: "City, Region, Country", "City, ST" (a US state: country US),
 * "City, Country", or a wide region ("Europe", "EMEA").
 */
export function placeFromDisplay(display: string): JobLocation {
  const parts = display
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length >= 3) return { display, city: parts[0]!, region: parts[parts.length - 2]!, country: parts[parts.length - 1]! };
  if (parts.length === 2) {
    const [city, last] = parts as [string, string];
    if (US_STATES.has(last)) return { display, city, region: last, country: 'US' };
    if (COUNTRIES.has(last.toLowerCase())) return { display, city, region: null, country: last };
    return { display, city, region: last, country: null };
  }
  if (WIDE_REGIONS.test(display.trim())) return { display, city: null, region: display.trim(), country: null };
  if (COUNTRIES.has(display.trim().toLowerCase())) return { display, city: null, region: null, country: display.trim() };
  return { display, city: display.trim() || null, region: null, country: null };
}

const WORK_MODE = /^\s*(remote|hybrid|on[-\s]?site|in[-\s]office)\s*(?:[-–:|(]\s*|$)/i;

/** Splits a work-mode prefix off a location ("Hybrid - London" → not remote, "London"; "Remote - Europe" → remote, "Europe"). */
export function workModeOf(name: string | null): { remote: boolean | null; rest: string | null } {
  if (!name) return { remote: null, rest: null };
  const match = WORK_MODE.exec(name);
  if (!match?.[1]) return { remote: null, rest: name };
  const rest = name
    .slice(match[0].length)
    .replace(/\)\s*$/, '')
    .trim();
  return { remote: match[1].toLowerCase() === 'remote', rest: rest || null };
}
