import { boardsOfSearches, type ReplayServer, startReplayServer } from '@jobpipe/replay';
import type { ConfigFile } from '../config/config-file.js';

/**
 * Starts the replay source a config file asks for (`jobpipe up`, `jobpipe run --once`): its port,
 * generated postings and fault rate, the generated postings on the boards the file's searches name,
 * so the demo's searches read every posting served.
 */
export function startConfigReplay(file: ConfigFile): Promise<ReplayServer> {
  return startReplayServer({
    port: file.replay.port,
    postings: file.replay.postings,
    faults: { rate: file.replay.faultRate },
    boards: boardsOfSearches(file.pipeline.searches),
  });
}
