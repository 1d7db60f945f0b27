import { randomUUID } from 'node:crypto';
import { type EventPattern, matchesPattern, patternProblem } from './event-pattern.js';
import { AwsWireError, type JsonOperation, requiredString } from './json-wire.js';
import type { LocalSqs } from './local-sqs.js';

const ACCOUNT = '000000000000';
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

interface Rule {
  readonly name: string;
  readonly bus: string;
  readonly arn: string;
  pattern: EventPattern;
  state: string;
  readonly targets: Map<string, string>;
}

const notFound = (message: string) => new AwsWireError('ResourceNotFoundException', message);

/**
 * An in-memory EventBridge speaking its JSON protocol (`X-Amz-Target: AWSEvents.<Operation>`): buses,
 * rules with event patterns, SQS queue targets, and PutEvents (≤ 10 entries, ≤ 256 KB), which delivers
 * each event, in the envelope EventBridge sends to targets, to the queue of every enabled rule of its bus
 * whose pattern it matches. For tests and the bench; never part of a production package.
 */
export class LocalEventBridge {
  private readonly buses = new Set(['default']);
  private readonly rules = new Map<string, Rule>();

  constructor(
    private readonly region: string,
    private readonly sqs: LocalSqs,
  ) {}

  /** The JSON-protocol operations, by name. */
  operations(): Record<string, JsonOperation> {
    return {
      CreateEventBus: (input) => {
        const name = requiredString(input, 'Name');
        if (this.buses.has(name)) throw new AwsWireError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
        this.buses.add(name);
        return { EventBusArn: this.busArn(name) };
      },
      PutRule: (input) => {
        const name = requiredString(input, 'Name');
        const bus = this.busOf(input.EventBusName);
        const pattern = parsePattern(input.EventPattern);
        const key = `${bus}/${name}`;
        const rule = this.rules.get(key) ?? { name, bus, arn: this.ruleArn(bus, name), pattern, state: 'ENABLED', targets: new Map() };
        rule.pattern = pattern;
        rule.state = typeof input.State === 'string' ? input.State : 'ENABLED';
        this.rules.set(key, rule);
        return { RuleArn: rule.arn };
      },
      PutTargets: (input) => {
        const rule = this.ruleOf(input.Rule, input.EventBusName);
        const targets = Array.isArray(input.Targets) ? (input.Targets as { Id?: string; Arn?: string }[]) : [];
        const failed = targets.filter((target) => !target.Id || !target.Arn?.startsWith('arn:aws:sqs:'));
        for (const target of targets) if (!failed.includes(target)) rule.targets.set(target.Id!, target.Arn!);
        return {
          FailedEntryCount: failed.length,
          FailedEntries: failed.map((target) => ({
            TargetId: target.Id,
            ErrorCode: 'ValidationException',
            ErrorMessage: 'this local EventBridge delivers to SQS queues only',
          })),
        };
      },
      ListRules: (input) => {
        const bus = this.busOf(input.EventBusName);
        const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
        const rules = [...this.rules.values()].filter((rule) => rule.bus === bus && rule.name.startsWith(prefix));
        return {
          Rules: rules.map((rule) => ({
            Name: rule.name,
            Arn: rule.arn,
            EventBusName: bus,
            EventPattern: JSON.stringify(rule.pattern),
            State: rule.state,
          })),
        };
      },
      ListTargetsByRule: (input) => ({
        Targets: [...this.ruleOf(input.Rule, input.EventBusName).targets].map(([Id, Arn]) => ({ Id, Arn })),
      }),
      PutEvents: (input) => this.putEvents(input),
    };
  }

  private putEvents(input: Record<string, unknown>) {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw new AwsWireError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      );
    }
    const bytes = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (bytes > MAX_REQUEST_BYTES)
      throw new AwsWireError(
        'ValidationException',
        `Total size of the entries in the request is over the limit (${bytes} > ${MAX_REQUEST_BYTES} bytes).`,
      );
    const results = entries.map((entry) => this.route(entry));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  /** Delivers one entry to the queues of the rules it matches; its result entry. */
  private route(entry: Record<string, unknown>): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    const bus = typeof entry.EventBusName === 'string' ? nameOfBus(entry.EventBusName) : 'default';
    if (!this.buses.has(bus)) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '')
        return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail as string);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const id = randomUUID();
    const envelope = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: ACCOUNT,
      time: wireTime(entry.Time),
      region: this.region,
      resources: Array.isArray(entry.Resources) ? entry.Resources : [],
      detail,
    };
    const body = JSON.stringify(envelope);
    for (const rule of this.rules.values()) {
      if (rule.bus !== bus || rule.state !== 'ENABLED' || !matchesPattern(rule.pattern, envelope)) continue;
      for (const arn of rule.targets.values()) this.sqs.deliver(arn, body);
    }
    return { EventId: id };
  }

  private busOf(name: unknown): string {
    const bus = typeof name === 'string' && name !== '' ? nameOfBus(name) : 'default';
    if (!this.buses.has(bus)) throw notFound(`Event bus ${bus} does not exist.`);
    return bus;
  }

  private ruleOf(name: unknown, bus: unknown): Rule {
    const busName = this.busOf(bus);
    const rule = this.rules.get(`${busName}/${String(name)}`);
    if (!rule) throw notFound(`Rule ${String(name)} does not exist on EventBus ${busName}.`);
    return rule;
  }

  private busArn(name: string): string {
    return `arn:aws:events:${this.region}:${ACCOUNT}:event-bus/${name}`;
  }

  private ruleArn(bus: string, name: string): string {
    return `arn:aws:events:${this.region}:${ACCOUNT}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
  }
}

/** A bus given by name or ARN. */
const nameOfBus = (nameOrArn: string) => nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);

function parsePattern(text: unknown): EventPattern {
  if (typeof text !== 'string')
    throw new AwsWireError('ValidationException', 'this local EventBridge needs an EventPattern (it has no schedules)');
  let pattern: unknown;
  try {
    pattern = JSON.parse(text);
  } catch {
    throw new AwsWireError('InvalidEventPatternException', 'Event pattern is not valid. Reason: not JSON');
  }
  const problem = patternProblem(pattern);
  if (problem) throw new AwsWireError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${problem}`);
  return pattern as EventPattern;
}

/** The envelope's `time`: the entry's Time (epoch seconds on the wire) or now, to the second, in UTC. */
function wireTime(time: unknown): string {
  const at = typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : new Date();
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An entry's size as EventBridge counts it: 14 bytes for Time, and the UTF-8 bytes of its text fields. */
function entrySize(entry: Record<string, unknown>): number {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources.reduce((sum: number, resource) => sum + bytes(resource), 0) : 0;
  return (entry.Time === undefined ? 0 : 14) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + resources;
}
