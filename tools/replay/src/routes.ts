import type { ReplayDataset } from './dataset.js';
import type { SourceName } from './scrape-request.js';
import { jsonAnswer, type ReplayAnswer, type ReplayRequest } from './sources/replay-source.js';

export type { ReplayAnswer, ReplayRequest } from './sources/replay-source.js';

/** Routing state the server keeps beside the dataset. */
export interface RouteState {
  readonly dataset: ReplayDataset;
  readonly origin: string;
  /** Sources answering with zero results (to show source drift). */
  readonly empty: Set<SourceName>;
}

/** Answers a request at a source's real path: the first source whose routes know the path answers. */
export function route(request: ReplayRequest, state: RouteState): ReplayAnswer {
  for (const [name, source] of state.dataset.sources) {
    const answer = source.route(request, { origin: state.origin, empty: state.empty.has(name) });
    if (answer) return answer;
  }
  if (request.method !== 'GET') return jsonAnswer(405, { message: 'method not allowed' });
  return { status: 404, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><title>Not found</title><h1>Not found</h1>' };
}
