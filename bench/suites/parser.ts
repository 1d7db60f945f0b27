/**
 * Parser throughput on the real-format fixture corpus (services/parser/test/fixtures): MB/s and postings/s
 * of parseRawBody (decode, detect, extract, sanitize, normalize), and the ratio to bare htmlparser2
 * tokenizing the same bytes in the same run (issue 3's target ≥ 0.5, issue 15's ≥ 0.7), both at their
 * steady pace, after the warm-up of `alternatingRounds`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostingRejected, parseRawBody } from '@jobpipe/parser';
import { Parser } from 'htmlparser2';
import { alternatingRounds } from '../alternating-rounds.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'services', 'parser', 'test', 'fixtures');
interface CorpusFile {
  readonly bytes: Buffer;
  readonly text: string;
}

function corpus(): CorpusFile[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(json|html)$/.test(file) && !file.endsWith('biome.json'))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(FIXTURES, file));
      return { bytes, text: bytes.toString('latin1') };
    });
}

export default async function (): Promise<Record<string, number>> {
  const files = corpus();
  const megabytes = files.reduce((sum, file) => sum + file.bytes.length, 0) / (1024 * 1024);
  let postingsPerPass = 0;

  const tokenize = () => {
    for (const file of files) new Parser({}).end(file.text);
  };
  const parse = () => {
    postingsPerPass = 0;
    for (const file of files) {
      try {
        postingsPerPass += parseRawBody({ body: file.bytes, url: 'https://bench.example/job', seenAt: '2026-07-20T00:00:00.000Z' }).postings
          .length;
      } catch (error) {
        if (!(error instanceof PostingRejected)) throw error;
      }
    }
  };

  // Baseline and parser warm up, then alternate in short rounds so load from other processes hits both alike.
  const timings = alternatingRounds(tokenize, parse);
  const parserSeconds = timings.measuredSeconds;
  return {
    'parser.mbPerSecond': megabytes / parserSeconds,
    'parser.postingsPerSecond': postingsPerPass / parserSeconds,
    'parser.ratioToHtmlparser2': timings.ratioToBaseline,
  };
}
