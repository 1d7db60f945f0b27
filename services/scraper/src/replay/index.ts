export type { ReplayPosting } from './dataset.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
export { type ReplayRequestRecord, type ReplayServer, type ReplayServerOptions, startReplayServer } from './server.js';
