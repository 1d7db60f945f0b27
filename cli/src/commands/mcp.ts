/**
 * `jobpipe mcp`: the jobpipe MCP server on stdio, for an AI assistant started by the user (Claude Desktop,
 * an IDE…). It works through crm-api with an API key, so it needs the stack running (`npm start`).
 */
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { cliApiKey, cliApiUrl } from '../stack/cli-api-client.js';

interface McpOptions {
  readonly api?: string;
  readonly readOnly?: boolean;
}

/** Registers the `mcp` command. */
export function register(program: Command): void {
  program
    .command('mcp')
    .description(
      'serve the jobpipe MCP server on stdio for an AI assistant (reads jobs, scores and reasons; writes only proposals you accept)',
    )
    .option('--api <url>', "crm-api's base URL (default: the config file's API port on 127.0.0.1)")
    .option('--read-only', 'offer only the reading tools')
    .action(async (options: McpOptions) => {
      const env = readCliEnvironment();
      const baseUrl = cliApiUrl(env, options.api);
      const { HttpPipelineApi, createJobpipeMcpServer, loadPipelineTools } = await import('@jobpipe/mcp');
      const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
      const api = new HttpPipelineApi(baseUrl, await cliApiKey(env));
      let tools: Awaited<ReturnType<typeof loadPipelineTools>>;
      try {
        tools = await loadPipelineTools(api);
      } catch (error) {
        throw new Error(`crm-api at ${baseUrl} did not answer (${(error as Error).message}): start the stack first (npm start)`);
      }
      const server = createJobpipeMcpServer(tools, api, { readOnly: options.readOnly === true });
      await server.connect(new StdioServerTransport());
    });
}
