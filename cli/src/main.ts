/**
 * The `jobpipe` command. Each file in ./commands registers one command (or a group) on the program,
 * so a command lives beside the others without touching this file; a file is named after the command
 * it registers. Runs from src through tsx, or as `cli/dist/main.js` (the build bundles each command
 * file to `dist/commands/<name>.js`).
 */
import { readdirSync } from 'node:fs';
import { join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';

/** What every command file exports. */
export type RegisterCommand = (program: Command) => void;

const program = new Command('jobpipe').description('Event-driven job-search pipeline').showHelpAfterError();
const commandsDir = join(import.meta.dirname, 'commands');
const commandFiles = readdirSync(commandsDir)
  .filter((name) => /\.[jt]s$/.test(name))
  .sort();
// Only the named command's file is loaded (a long-running `jobpipe up` does not hold every command's
// dependencies in memory); help, an unknown command or none at all load them all.
const named = commandFiles.filter((file) => parse(file).name === process.argv[2]);
for (const file of named.length > 0 ? named : commandFiles) {
  const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as { register: RegisterCommand };
  module.register(program);
}
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A failed command ends with its reason on one line, not a stack trace.
  console.error(`jobpipe: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
