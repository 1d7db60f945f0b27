import type Table from 'cli-table3';

/**
 * How the CLI draws its tables: no rule between rows, and colours only on a terminal (cron mails, pipes
 * and log files get plain text).
 */
export function cliTableStyle(): Pick<Table.TableConstructorOptions, 'chars' | 'style'> {
  return {
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }),
  };
}
