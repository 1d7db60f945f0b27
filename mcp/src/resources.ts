import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { PipelineApi } from './pipeline-api.js';

/** The user's tracks and profile, as MCP resources read from the stored config. */
export const PIPELINE_RESOURCES = [
  {
    uri: 'jobpipe://config/tracks',
    name: 'tracks',
    title: 'Tracks',
    description: 'What the user is looking for: each track with its keywords and weights (the scores come from these)',
    mimeType: 'application/json',
  },
  {
    uri: 'jobpipe://config/profile',
    name: 'profile',
    title: 'Profile',
    description: "The user's applicant profile and answer bank, as the applier fills forms with it",
    mimeType: 'application/json',
  },
] as const;

/** Reads one resource through crm-api (`GET /config/{section}`). */
export async function readResource(api: PipelineApi, uri: string) {
  const resource = PIPELINE_RESOURCES.find((candidate) => candidate.uri === uri);
  if (!resource)
    throw new McpError(ErrorCode.InvalidParams, `unknown resource '${uri}' (${PIPELINE_RESOURCES.map((r) => r.uri).join(', ')})`);
  const response = await api.call({ method: 'GET', path: `/config/${resource.name}` });
  if (response.status !== 200) throw new McpError(ErrorCode.InternalError, `crm-api answered ${response.status} for ${uri}`);
  return { contents: [{ uri, mimeType: resource.mimeType, text: JSON.stringify(response.body) }] };
}
