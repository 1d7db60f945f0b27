/**
 * @jobpipe/test-kit/aws — plays DynamoDB's side of the outbox on a mocked lib-dynamodb client
 * (aws-sdk-client-mock), for tests of the aws adapters that mock DynamoDB instead of running it.
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** What the mocked transactions wrote: every put by table, and the outbox entries still waiting. */
export interface PlayedOutboxTable {
  readonly puts: { readonly table: string; readonly item: Record<string, unknown> }[];
  readonly entries: Map<string, Record<string, unknown>>;
}

/**
 * Answers TransactWrite (records every put; outbox puts wait as entries), Query of the outbox table (a
 * producer's entries in sort-key order) and BatchWrite of the outbox table (deletes entries). Call it
 * after each reset of the stub; other commands keep the test's own answers. A transaction putting an
 * item `refused` names is refused whole with `refusal` (DynamoDB throttling it, say).
 */
export function playOutboxTable(
  dynamo: AwsClientStub<DynamoDBDocumentClient>,
  outboxTableName: string,
  refused: (item: Record<string, unknown>) => boolean = () => false,
  refusal = 'ProvisionedThroughputExceededException',
): PlayedOutboxTable {
  const played: PlayedOutboxTable = { puts: [], entries: new Map() };
  const keyOf = (item: Record<string, unknown>) => `${item.producer}\u0000${item.entryId}`;
  dynamo.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
    if ((input.TransactItems ?? []).some((write) => write.Put?.Item && refused(write.Put.Item))) throw new Error(refusal);
    for (const write of input.TransactItems ?? []) {
      if (!write.Put?.TableName || !write.Put.Item) continue;
      played.puts.push({ table: write.Put.TableName, item: write.Put.Item });
      if (write.Put.TableName === outboxTableName) played.entries.set(keyOf(write.Put.Item), write.Put.Item);
    }
    return {};
  });
  dynamo.on(QueryCommand, { TableName: outboxTableName }).callsFake((input: QueryCommandInput) => {
    const producer = input.ExpressionAttributeValues?.[':pv'];
    const items = [...played.entries.values()]
      .filter((entry) => entry.producer === producer)
      .sort((a, b) => String(a.entryId).localeCompare(String(b.entryId)));
    return { Items: items.slice(0, input.Limit) };
  });
  dynamo.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => {
    for (const request of input.RequestItems?.[outboxTableName] ?? []) {
      if (request.DeleteRequest?.Key) played.entries.delete(keyOf(request.DeleteRequest.Key));
    }
    return {};
  });
  return played;
}
