import { Command } from 'commander';
import { analyseCommand } from './commands/analyse.ts';
import { apikeyCommand } from './commands/apikey.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { catalogueCommand } from './commands/catalogue.ts';
import { demoCommand } from './commands/demo.ts';
import { demoDataCommand } from './commands/demo-data.ts';
import { evaluateCommand } from './commands/evaluate.ts';
import { orgCommand } from './commands/org.ts';
import { pdqCommand } from './commands/pdq.ts';
import { reportCommand } from './commands/report.ts';
import { schemaCommand } from './commands/schema.ts';
import { importCommand } from './commands/import.ts';
import { screenCommand } from './commands/screen.ts';
import { migrateCommand, serveCommand, workerCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { reportError } from './output.ts';

const program = new Command('beacon')
  .description(
    'Beacon: explainable screening of adult-services adverts for signs of modern slavery and ' +
      'sexual exploitation. Scores are leads for human review, never proof.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .addCommand(serveCommand())
  .addCommand(workerCommand())
  .addCommand(migrateCommand())
  .addCommand(importCommand())
  .addCommand(analyseCommand())
  .addCommand(screenCommand())
  .addCommand(reportCommand())
  .addCommand(demoDataCommand())
  .addCommand(catalogueCommand())
  .addCommand(demoCommand())
  .addCommand(schemaCommand())
  .addCommand(pdqCommand())
  .addCommand(evaluateCommand())
  .addCommand(orgCommand())
  .addCommand(userCommand())
  .addCommand(apikeyCommand())
  .addCommand(auditCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportError(err);
}
