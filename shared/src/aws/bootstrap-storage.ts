import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, type BucketLocationConstraint, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { TABLES, type TableDefinition } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import { createTableInput } from './dynamo-table-schemas.js';

/** Longest wait for a new table to become ACTIVE. */
const TABLE_READY_SECONDS = 300;

/**
 * Creates every table of the definitions that does not exist yet (on-demand, GSIs from the
 * definitions) and waits until each is ACTIVE. An existing table is left as it is; indexes it lacks
 * are reported (adding a GSI to a live table is a migration, one index at a time).
 */
export async function ensureTables(
  dynamo: DynamoDBClient,
  tableName: (table: string) => string,
  logger: Logger,
  definitions: Readonly<Record<string, TableDefinition>> = TABLES,
): Promise<string[]> {
  const names = await Promise.all(
    Object.entries(definitions).map(async ([table, definition]) => {
      const input = createTableInput(tableName(table), definition);
      try {
        await dynamo.send(new CreateTableCommand(input));
        logger.info({ table: input.TableName }, 'table created');
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        await reportMissingIndexes(dynamo, input.TableName!, definition, logger);
      }
      await waitUntilTableExists(
        { client: dynamo, maxWaitTime: TABLE_READY_SECONDS, minDelay: 1, maxDelay: 5 },
        { TableName: input.TableName },
      );
      return input.TableName!;
    }),
  );
  return names;
}

async function reportMissingIndexes(dynamo: DynamoDBClient, tableName: string, definition: TableDefinition, logger: Logger): Promise<void> {
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = Object.keys(definition.indexes).filter((index) => !present.has(index));
  if (missing.length > 0)
    logger.warn({ table: tableName, missing }, 'existing table lacks indexes of its definition; add them with UpdateTable');
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
