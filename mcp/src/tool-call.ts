import type { PipelineApi } from './pipeline-api.js';
import type { PipelineTool } from './tool-catalogue.js';

/** What a tool call gives back: the API's answer (as much of it as the tool keeps), or the API's refusal. */
export interface ToolOutcome {
  readonly isError: boolean;
  readonly structured: Record<string, unknown> | undefined;
  readonly text: string;
}

/** The request a tool call makes: path parameters into the path, the rest into the query or the body. */
export function requestOf(tool: PipelineTool, args: Record<string, unknown>): { method: 'GET' | 'POST'; path: string; body?: unknown } {
  let path = tool.path;
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (tool.pathParameters.includes(name)) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    else rest[name] = value;
  }
  if (tool.method === 'POST') return { method: 'POST', path, body: rest };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(rest)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined && item !== null) query.append(name, String(item));
  }
  const search = query.toString();
  return { method: 'GET', path: search ? `${path}?${search}` : path };
}

function kept(body: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  return names ? Object.fromEntries(Object.entries(body).filter(([name]) => names.includes(name))) : body;
}

/** Calls the tool's operation with the caller's key and shapes the answer for the assistant. */
export async function callTool(api: PipelineApi, tool: PipelineTool, args: Record<string, unknown>): Promise<ToolOutcome> {
  const response = await api.call(requestOf(tool, args));
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status >= 400) {
    const message = typeof body.message === 'string' ? body.message : `crm-api answered ${response.status}`;
    return { isError: true, structured: undefined, text: `${String(body.error ?? response.status)}: ${message}` };
  }
  const structured = kept(body, tool.outputs);
  const note = tool.proposes ? 'Proposed: it waits for the user to accept or reject it (nothing has changed yet).\n' : '';
  return { isError: false, structured, text: `${note}${JSON.stringify(structured)}` };
}
