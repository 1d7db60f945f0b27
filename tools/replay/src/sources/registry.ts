import type { SourceName } from '../scrape-request.js';
import { ashbyReplay } from './ashby.js';
import { greenhouseReplay } from './greenhouse.js';
import { jsonldReplay } from './jsonld.js';
import { leverReplay } from './lever.js';
import { mcfReplay } from './mcf.js';
import { personioReplay } from './personio.js';
import { recruiteeReplay } from './recruitee.js';
import type { ReplaySourceModule } from './replay-source.js';
import { smartrecruitersReplay } from './smartrecruiters.js';
import { usajobsReplay } from './usajobs.js';
import { workableReplay } from './workable.js';
import { workdayReplay } from './workday.js';

/**
 * Every source the replay serves, registered here and nowhere else. Keyed by the contracts' scrape
 * sources, so a source added to the schemas does not type-check until its replay is registered.
 */
export const REPLAY_SOURCES: Readonly<Record<SourceName, ReplaySourceModule>> = {
  mcf: mcfReplay,
  usajobs: usajobsReplay,
  greenhouse: greenhouseReplay,
  lever: leverReplay,
  jsonld: jsonldReplay,
  workday: workdayReplay,
  smartrecruiters: smartrecruitersReplay,
  ashby: ashbyReplay,
  recruitee: recruiteeReplay,
  workable: workableReplay,
  personio: personioReplay,
};
