import type { ScrapeSource } from '@jobpipe/contracts';
import { ashbyParser } from './ashby.js';
import { greenhouseParser } from './greenhouse.js';
import { jsonldParser } from './jsonld.js';
import { leverParser } from './lever.js';
import { mcfParser } from './mcf.js';
import type { ParserSourceModule } from './parser-source.js';
import { personioParser } from './personio.js';
import { recruiteeParser } from './recruitee.js';
import { smartrecruitersParser } from './smartrecruiters.js';
import { usajobsParser } from './usajobs.js';
import { workableParser } from './workable.js';
import { workdayParser } from './workday.js';

/**
 * Every source the parser reads, registered here and nowhere else. Keyed by the contracts' scrape
 * sources, so a source added to the schemas does not type-check until its extractor is registered.
 * The order is the order of detection for bodies of unknown source: JSON-LD first, and sources with
 * distinctive markers before those recognised by common field names (Greenhouse's `jobs`, Lever's `text`).
 */
export const PARSER_SOURCES: Readonly<Record<ScrapeSource, ParserSourceModule>> = {
  jsonld: jsonldParser,
  workday: workdayParser,
  smartrecruiters: smartrecruitersParser,
  ashby: ashbyParser,
  recruitee: recruiteeParser,
  workable: workableParser,
  personio: personioParser,
  usajobs: usajobsParser,
  mcf: mcfParser,
  greenhouse: greenhouseParser,
  lever: leverParser,
};
