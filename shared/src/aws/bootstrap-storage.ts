import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  type TableDescription,
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
 * definitions) and waits until each is ACTIVE. An existing table is left as it is; a key schema other
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
      return input.TableName!;
    }),
  );
  return { names, problems };
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
