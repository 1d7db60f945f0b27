import { readFile } from 'node:fs/promises';
import { PostingRejected, parseRawBody, RAW_FORMATS, type RawFormat } from '@jobpipe/parser';
import { type Command, Option } from 'commander';

/** `jobpipe parse <file>`: parses one saved response or page offline and prints the normalized jobs. */
export function register(program: Command): void {
  program
    .command('parse')
    .description('parse a saved API response or HTML page offline and print the normalized job(s) as a JSON array')
    .argument('<file>', 'a saved body: one posting, a whole search/list response, or an HTML page with JSON-LD')
    .addOption(new Option('--source <source>', 'the format (detected from the body when left out)').choices([...RAW_FORMATS]))
    .option('--url <url>', 'the URL the body came from (canonical URL fallback; names the company for Greenhouse/Lever)')
    .action(async (file: string, options: { source?: RawFormat; url?: string }) => {
      try {
        const body = await readFile(file);
        const result = parseRawBody({ body, source: options.source, url: options.url, seenAt: new Date().toISOString() });
        for (const reason of result.rejected) console.error(`skipped: ${reason}`);
        console.log(
          JSON.stringify(
            result.postings.map((posting) => posting.job),
            null,
            2,
          ),
        );
      } catch (error) {
        const reason =
          error instanceof PostingRejected ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
        console.error(`error: ${file}: ${reason}`);
        process.exitCode = 1;
      }
    });
}
