/**
 * @jobpipe/replay — the outside world of the scraper, offline: recorded and generated responses of every job
 * source at their real paths, with fault injection, for tests, benches, `jobpipe replay` and the offline
 * demo of `jobpipe up`. A tool: only tests, bench and the CLI import it, never a service.
 */
export {
  type BoardTimeline,
  type CloseScore,
  greenhouseJobOf,
  type RunShortfall,
  type SimulatedPosting,
  type SimulatedRun,
  scoreClosures,
  simulateBoards,
  type TimelineOptions,
} from './board-timeline.js';
export { withExternalReplay, withOwnReplay } from './config-text.js';
export { boardsOfSearches, type ReplayPosting, type SearchBoards } from './dataset.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
export { RECORDINGS_DIR } from './recordings.js';
export type { ScrapeRequest, SourceName } from './scrape-request.js';
export { type ReplayRequestRecord, type ReplayServer, type ReplayServerOptions, startReplayServer } from './server.js';
export { REPLAY_SOURCES } from './sources/registry.js';
export type { ReplaySourceModule, ServedSource, WorkdayLargeBoard } from './sources/replay-source.js';
