import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Resolves SQS queue names to URLs with GetQueueUrl, once per name (failures are not cached). */
export class SqsQueueUrls {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly sqs: SQSClient) {}

  /** The URL of the queue with this SQS name. */
  urlOf(queueName: string): Promise<string> {
    let url = this.urls.get(queueName);
    if (!url) {
      url = this.lookUp(queueName);
      this.urls.set(queueName, url);
      url.catch(() => this.urls.delete(queueName));
    }
    return url;
  }

  private async lookUp(queueName: string): Promise<string> {
    const output = await this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    if (!output.QueueUrl) throw new Error(`GetQueueUrl returned no URL for '${queueName}'`);
    return output.QueueUrl;
  }
}
