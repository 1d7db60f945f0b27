import { createHash } from 'node:crypto';

/** A message attribute as SQS's JSON protocol carries it (binary values base64-encoded). */
export interface WireMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** MD5 of a message body, hex, as SQS returns it in `MD5OfBody` / `MD5OfMessageBody` (the SDK checks it). */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5 of message attributes as SQS computes `MD5OfMessageAttributes`: per attribute in name order, the
 * name, the data type (each as a 4-byte big-endian length and UTF-8 bytes), a transport byte (1 string,
 * 2 binary) and the value (length and bytes).
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, WireMessageAttribute>>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const withLength = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of names) {
    const attribute = attributes[name]!;
    withLength(Buffer.from(name, 'utf8'));
    withLength(Buffer.from(attribute.DataType, 'utf8'));
    const binary = attribute.DataType.startsWith('Binary');
    hash.update(Buffer.from([binary ? 2 : 1]));
    withLength(binary ? Buffer.from(attribute.BinaryValue ?? '', 'base64') : Buffer.from(attribute.StringValue ?? '', 'utf8'));
  }
  return hash.digest('hex');
}
