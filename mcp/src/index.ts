/**
 * @jobpipe/mcp — an MCP server over crm-api for the user's AI assistant: search and read jobs with the user's
 * own scores and reasons, the CRM pipeline, tracks and profile; every write is a proposal the user decides on.
 */
export * from './http-pipeline-api.js';
export * from './jobpipe-mcp-server.js';
export * from './openapi-operations.js';
export type * from './pipeline-api.js';
export * from './resources.js';
export type * from './tool-catalogue.js';
