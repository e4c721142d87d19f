import { Command } from 'commander';
import { advertJsonSchema } from '../../core/advert/advert-json-schema.ts';

/** `beacon schema`: print the JSON Schema of the advert format. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print the JSON Schema of the advert interchange format (version 1).')
    .action(() => {
      console.log(JSON.stringify(advertJsonSchema(), null, 2));
    });
}
