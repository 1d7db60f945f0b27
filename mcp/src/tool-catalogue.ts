import { type JsonSchemaObject, type OpenApiDocument, operationSchemas } from './openapi-operations.js';

/** What a tool calls and which part of the input and answer it keeps. */
interface ToolSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly method: 'GET' | 'POST';
  /** OpenAPI path of the operation, e.g. `/jobs/{jobId}`. */
  readonly path: string;
  /** True when the tool writes (it only ever creates a proposal the user decides on). */
  readonly proposes: boolean;
  /** Input properties kept (all when absent). */
  readonly inputs?: readonly string[];
  /** Answer properties kept (all when absent). */
  readonly outputs?: readonly string[];
}

/** A tool of the jobpipe MCP server, with its schemas taken from crm-api's OpenAPI document. */
export interface PipelineTool extends ToolSpec {
  readonly inputSchema: JsonSchemaObject;
  readonly outputSchema: JsonSchemaObject;
  readonly pathParameters: readonly string[];
}

const TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'search_jobs',
    title: 'Search scored jobs',
    description:
      "The user's scored jobs with jobpipe's score, track and CRM stage: filter by text, track, source, stage, salary, remote; sort by score or date; page with the cursor.",
    method: 'GET',
    path: '/jobs',
    proposes: false,
  },
  {
    name: 'get_job',
    title: 'One job',
    description: 'One job in full: description, normalized fields, score reasons, CRM stage, history and duplicates on other boards.',
    method: 'GET',
    path: '/jobs/{jobId}',
    proposes: false,
  },
  {
    name: 'explain_score',
    title: 'Why a job scored as it did',
    description:
      "The score of a job and the reasons behind it (matched track keywords, the model learned from the user's own decisions, penalties).",
    method: 'GET',
    path: '/jobs/{jobId}',
    proposes: false,
    outputs: ['jobId', 'summary', 'reasons'],
  },
  {
    name: 'list_pipeline',
    title: 'The CRM pipeline',
    description: 'Jobs by CRM stage (e.g. shortlisted, applied, interviewing, offer), best scored first.',
    method: 'GET',
    path: '/jobs',
    proposes: false,
    inputs: ['stage', 'limit', 'cursor'],
  },
  {
    name: 'add_note',
    title: 'Propose a note',
    description: "Proposes a note on a job's history. It is added only when the user accepts the proposal.",
    method: 'POST',
    path: '/proposals/notes',
    proposes: true,
  },
  {
    name: 'propose_stage_change',
    title: 'Propose a stage change',
    description: 'Proposes moving a job to another CRM stage. Nothing changes until the user accepts; the answer is the pending proposal.',
    method: 'POST',
    path: '/proposals/stage-changes',
    proposes: true,
  },
  {
    name: 'propose_application',
    title: 'Propose an application',
    description: 'Proposes applying to a job (a dry run unless dryRun is false). Nothing is sent until the user accepts.',
    method: 'POST',
    path: '/proposals/applications',
    proposes: true,
  },
];

function keep(schema: JsonSchemaObject, names: readonly string[] | undefined): JsonSchemaObject {
  if (!names) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => names.includes(name)));
  const { required: allRequired, ...rest } = schema;
  const required = ((allRequired as string[] | undefined) ?? []).filter((name) => names.includes(name));
  return { ...rest, type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** The tools, each with the input and output schemas of its crm-api operation. */
export function pipelineTools(document: OpenApiDocument): PipelineTool[] {
  return TOOL_SPECS.map((spec) => {
    const schemas = operationSchemas(document, spec.method, spec.path);
    return {
      ...spec,
      inputSchema: keep(schemas.input, spec.inputs),
      outputSchema: keep(schemas.output, spec.outputs),
      pathParameters: schemas.pathParameters,
    };
  });
}
