import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  type TableDescription,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, type BucketLocationConstraint, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { TABLES, type TableDefinition } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import { createTableInput } from './dynamo-table-schemas.js';

/** Longest wait for a new table to become ACTIVE. */
const TABLE_READY_SECONDS = 300;

/** The tables as bootstrapped, and how existing ones differ from their definitions. */
export interface EnsuredTables {
  readonly names: string[];
  /** Differences the bootstrap cannot fix, each a sentence naming the table and what to do. */
  readonly problems: string[];
}

/**
 * Creates every table of the definitions that does not exist yet (on-demand, GSIs from the
 * definitions), waits until each is ACTIVE, and turns on DynamoDB's TTL on the expiry attribute of the
 * tables that have one (`idempotencyKeys`: answers kept 24 hours). An existing table is left as it is; a key schema other
 * than its definition's, and indexes it lacks, are reported as problems (adding a GSI to a live table
 * is a migration, one index at a time; a key schema cannot change at all).
 */
export async function ensureTables(
  dynamo: DynamoDBClient,
  tableName: (table: string) => string,
  logger: Logger,
  definitions: Readonly<Record<string, TableDefinition>> = TABLES,
): Promise<EnsuredTables> {
  const problems: string[] = [];
  const names = await Promise.all(
    Object.entries(definitions).map(async ([table, definition]) => {
      const input = createTableInput(tableName(table), definition);
      try {
        await dynamo.send(new CreateTableCommand(input));
        logger.info({ table: input.TableName }, 'table created');
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: input.TableName }));
        for (const problem of tableDifferences(input.TableName!, Table, definition)) {
          logger.warn({ table: input.TableName }, problem);
          problems.push(problem);
        }
      }
      await waitUntilTableExists(
        { client: dynamo, maxWaitTime: TABLE_READY_SECONDS, minDelay: 1, maxDelay: 5 },
        { TableName: input.TableName },
      );
      if (definition.timeToLiveAttribute) {
        const problem = await ensureTimeToLive(dynamo, input.TableName!, definition.timeToLiveAttribute, logger);
        if (problem) problems.push(problem);
      }
      return input.TableName!;
    }),
  );
  return { names, problems };
}

/**
 * Turns on TTL on `attribute` unless it is on already; returns a problem when the table expires items by
 * another attribute (DynamoDB changes TTL at most once an hour, and only by turning it off first). An
 * endpoint without the TTL API (dynalite) is warned about: its items simply do not expire.
 */
async function ensureTimeToLive(dynamo: DynamoDBClient, tableName: string, attribute: string, logger: Logger): Promise<string | undefined> {
  const { TimeToLiveDescription: current } = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (current?.AttributeName === attribute) return undefined;
    return `table ${tableName} expires items by '${current?.AttributeName}', not '${attribute}': turn its TTL off, then run bootstrap again an hour later`;
  }
  if (status === 'DISABLING') {
    return `table ${tableName} is turning its TTL off: run bootstrap again in an hour to turn it on for '${attribute}'`;
  }
  try {
    await dynamo.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }),
    );
    logger.info({ table: tableName, attribute }, 'TTL turned on');
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UnknownOperationException')) throw error;
    logger.warn({ table: tableName }, 'this endpoint has no UpdateTimeToLive: items of the table will not expire');
  }
  return undefined;
}

/** How an existing table differs from its definition, in sentences an operator can act on. */
export function tableDifferences(tableName: string, table: TableDescription | undefined, definition: TableDefinition): string[] {
  const problems: string[] = [];
  const keyOf = (type: 'HASH' | 'RANGE') => table?.KeySchema?.find((key) => key.KeyType === type)?.AttributeName;
  const wanted = `${definition.partitionKey}${definition.sortKey ? ` + ${definition.sortKey}` : ''}`;
  const found = `${keyOf('HASH') ?? '?'}${keyOf('RANGE') ? ` + ${keyOf('RANGE')}` : ''}`;
  if (table?.KeySchema && wanted !== found) {
    problems.push(`table ${tableName} has the key ${found}, not ${wanted}: a key cannot change; move its items to a new table`);
  }
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = Object.keys(definition.indexes).filter((index) => !present.has(index));
  if (missing.length > 0) {
    problems.push(`table ${tableName} lacks the index(es) ${missing.join(', ')}: add them with UpdateTable, one at a time`);
  }
  return problems;
}

/** Creates the blob bucket unless this account already owns it. */
export async function ensureBucket(s3: S3Client, bucket: string, region: string, logger: Logger): Promise<void> {
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the default location and must not be named.
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    logger.info({ bucket }, 'bucket created');
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
}
