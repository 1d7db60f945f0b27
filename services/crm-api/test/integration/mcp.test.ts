import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
let url: URL;

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'jobpipe-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return client;
}

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', { score: 91, job: { title: 'Senior Data Engineer', company: 'Acme' } }),
    scoredData('lever:2', { score: 40, job: { title: 'Office Manager', company: 'Globex', source: 'lever' } }),
  );
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  url = new URL(`http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/mcp`);
});
after(() => api.close());

describe('the MCP server on crm-api (/mcp, Streamable HTTP) through the SDK client', () => {
  test('a write key gets every tool; a read-only key only the reading ones', async () => {
    const writer = await connect(api.key);
    const reader = await connect(api.readKey);
    const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name).sort();
    assert.deepEqual(await names(writer), [
      'add_note',
      'explain_score',
      'get_job',
      'list_pipeline',
      'propose_application',
      'propose_stage_change',
      'search_jobs',
    ]);
    assert.deepEqual(await names(reader), ['explain_score', 'get_job', 'list_pipeline', 'search_jobs']);
    const refused = await reader.callTool({ name: 'propose_stage_change', arguments: { jobId: 'greenhouse:1', to: 'shortlisted' } });
    assert.equal(refused.isError, true);
    await Promise.all([writer.close(), reader.close()]);
  });

  test("the tool schemas are the OpenAPI operations' schemas", async () => {
    const client = await connect(api.key);
    const { tools } = await client.listTools();
    const document = (await SwaggerParser.dereference((await api.app.inject({ method: 'GET', url: '/docs/json' })).json())) as never as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; required?: boolean }[];
            requestBody?: { content: Record<string, { schema: { properties: object; required?: string[] } }> };
          }
        >
      >;
    };
    const inputNames = (path: string, method: string) => {
      const operation = document.paths[path]![method]!;
      const body = operation.requestBody?.content['application/json']?.schema;
      return [...(operation.parameters ?? []).map((parameter) => parameter.name), ...Object.keys(body?.properties ?? {})].sort();
    };
    const tool = (name: string) => tools.find((candidate) => candidate.name === name)!;
    assert.deepEqual(Object.keys(tool('search_jobs').inputSchema.properties ?? {}).sort(), inputNames('/jobs', 'get'));
    assert.deepEqual(Object.keys(tool('get_job').inputSchema.properties ?? {}), ['jobId']);
    assert.deepEqual(
      Object.keys(tool('propose_stage_change').inputSchema.properties ?? {}).sort(),
      inputNames('/proposals/stage-changes', 'post'),
    );
    assert.deepEqual(tool('propose_stage_change').inputSchema.required, ['jobId', 'to']);
    const stage = (tool('propose_stage_change').inputSchema.properties as Record<string, { enum?: string[] }>).to;
    assert.deepEqual(stage?.enum, ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed']);
    assert.deepEqual(Object.keys(tool('explain_score').outputSchema?.properties ?? {}).sort(), ['jobId', 'reasons', 'summary']);
    await client.close();
  });

  test("search and explain give the user's own scores and reasons (the client checks them against the output schemas)", async () => {
    const client = await connect(api.readKey);
    const found = await client.callTool({ name: 'search_jobs', arguments: { q: 'data engineer', limit: 5 } });
    assert.equal(found.isError, false);
    const items = (found.structuredContent as { items: { jobId: string; score: number }[] }).items;
    assert.deepEqual(
      items.map((item) => [item.jobId, item.score]),
      [['greenhouse:1', 91]],
    );
    const explained = await client.callTool({ name: 'explain_score', arguments: { jobId: 'greenhouse:1' } });
    const { reasons } = explained.structuredContent as { reasons: { text: string }[] };
    assert.deepEqual(
      reasons.map((reason) => reason.text),
      ["title mentions 'data engineer'"],
    );
    const missing = await client.callTool({ name: 'get_job', arguments: { jobId: 'greenhouse:404' } });
    assert.equal(missing.isError, true);
    assert.match(JSON.stringify(missing.content), /job_not_found: no job with id 'greenhouse:404'/);
    const tracks = await client.readResource({ uri: 'jobpipe://config/tracks' });
    const stored = await api.app.inject({ method: 'GET', url: '/config/tracks', headers: api.auth });
    const [content] = tracks.contents;
    assert.ok(content && 'text' in content);
    assert.deepEqual(JSON.parse(content.text), stored.json(), 'the tracks as stored');
    await client.close();
  });

  test('a proposed stage change changes nothing until the user accepts it; then the normal event follows', async () => {
    const client = await connect(api.key);
    const proposed = await client.callTool({
      name: 'propose_stage_change',
      arguments: { jobId: 'greenhouse:1', to: 'screened', rationale: 'strong match on data engineering' },
    });
    assert.equal(proposed.isError, false);
    const proposal = proposed.structuredContent as { proposalId: string; status: string; proposedBy: string };
    assert.deepEqual([proposal.status, proposal.proposedBy], ['pending', 'assistant']);
    const stageOf = async () => (await api.app.inject({ method: 'GET', url: '/jobs/greenhouse:1', headers: api.auth })).json().crm.stage;
    assert.equal(await stageOf(), 'new', 'not moved by the proposal');
    assert.equal(api.published('crm.stage-changed').length, 0);

    const pending = await api.app.inject({ method: 'GET', url: '/proposals', headers: api.auth });
    assert.deepEqual(
      pending.json().items.map((item: { proposalId: string }) => item.proposalId),
      [proposal.proposalId],
    );
    const accepted = await api.app.inject({ method: 'POST', url: `/proposals/${proposal.proposalId}/accept`, headers: api.auth });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().proposal.status, 'accepted');
    assert.equal(await stageOf(), 'screened');
    const [event] = api.published('crm.stage-changed');
    assert.equal(event?.to, 'screened');
    assert.equal(event?.changedBy, 'user');
    assert.match(String(event?.note), new RegExp(`accepted proposal ${proposal.proposalId} \\(assistant\\)`));
    const again = await api.app.inject({ method: 'POST', url: `/proposals/${proposal.proposalId}/accept`, headers: api.auth });
    assert.equal(again.statusCode, 409);
    assert.equal(api.published('crm.stage-changed').length, 1, 'accepted once, announced once');
    await client.close();
  });

  test('a rejected proposal changes nothing; an illegal one stays pending with the reason', async () => {
    const note = await api.app.inject({
      method: 'POST',
      url: '/proposals/notes',
      headers: api.auth,
      payload: { jobId: 'lever:2', note: 'recruiter is Jane' },
    });
    const rejected = await api.app.inject({ method: 'POST', url: `/proposals/${note.json().proposalId}/reject`, headers: api.auth });
    assert.equal(rejected.json().status, 'rejected');
    const history = await api.app.inject({ method: 'GET', url: '/jobs/lever:2/history', headers: api.auth });
    assert.deepEqual(history.json().items ?? history.json(), []);

    const illegal = await api.app.inject({
      method: 'POST',
      url: '/proposals/stage-changes',
      headers: api.auth,
      payload: { jobId: 'lever:2', to: 'offer' },
    });
    const refused = await api.app.inject({ method: 'POST', url: `/proposals/${illegal.json().proposalId}/accept`, headers: api.auth });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error, 'illegal_transition');
    const still = await api.app.inject({ method: 'GET', url: `/proposals/${illegal.json().proposalId}`, headers: api.auth });
    assert.equal(still.json().status, 'pending');
    const readOnly = await api.app.inject({
      method: 'POST',
      url: '/proposals/notes',
      headers: { 'x-api-key': api.readKey },
      payload: { jobId: 'lever:2', note: 'x' },
    });
    assert.equal(readOnly.statusCode, 403);
  });
});
