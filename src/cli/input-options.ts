import { Option, type Command } from 'commander';

/** The input and output options `screen` and `analyse` share. */
export function addInputOptions(command: Command): Command {
  return command
    .argument('<file>', 'adverts file (.jsonl, or .csv with the same column names)')
    .requiredOption('-o, --out <dir>', 'output folder (created if missing)')
    .option('--site <site>', 'site for adverts that name none')
    .addOption(
      new Option('--format <format>', 'input format (default: from the file name)').choices([
        'jsonl',
        'csv',
      ]),
    )
    .option('--catalogue <file>', 'indicator catalogue (default: the shipped one)');
}
