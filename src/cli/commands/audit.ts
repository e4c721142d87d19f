import { Command } from 'commander';
import type { AuditEvent } from '../../core/audit/audit-event.ts';
import { AppError } from '../../core/errors.ts';
import { listAuditEvents, orgIdForSlug } from '../../services/audit/list-audit-events.ts';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain.ts';
import { fmt, positiveInt } from '../output.ts';
import { startProgress } from '../progress.ts';
import type { Progress } from '../progress.ts';
import { withStore } from '../with-store.ts';

/** Trails shorter than this verify in moments; a progress bar would only flicker. */
const PROGRESS_FROM = 20_000;

/** `beacon audit`: verify and read the audit trail. */
export function auditCommand(): Command {
  return new Command('audit')
    .description('Check and read the audit trail (who did what, when and why).')
    .addCommand(verifyCommand())
    .addCommand(listCommand());
}

function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'Recompute the hash chain of the whole audit trail and report the first broken link ' +
        '(exit 1 when broken). See docs/operations.md for what to do when it fails.',
    )
    .action(async () => {
      await withStore(async (ctx) => {
        let progress: Progress | undefined;
        const report = await verifyAuditChain(ctx, {
          onProgress: (checked, total) => {
            if (progress === undefined && total >= PROGRESS_FROM) {
              progress = startProgress('Verifying audit trail', total, 'events');
            }
            progress?.update(checked);
          },
        });
        progress?.stop();
        if (!report.ok) {
          const { seq, problem } = report.firstBroken;
          throw new AppError(
            'AUDIT_CHAIN_BROKEN',
            `audit trail broken at event #${seq}: ${problem}`,
            [
              `${fmt(report.events)} events before it are intact`,
              'see "Audit trail verification" in docs/operations.md for what to do next',
            ],
          );
        }
        console.log(
          `audit trail intact: ${fmt(report.events)} events, last hash ${report.lastHash}`,
        );
      });
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('Print audit events, newest first, one per line (tab-separated).')
    .option('--org <slug>', "only this organisation's events")
    .option('-n, --limit <n>', 'events to print (1 to 1000)', positiveInt('--limit'), 50)
    .option(
      '--after <seq>',
      'only events older than this one (to page back)',
      positiveInt('--after'),
    )
    .option('--json', 'one JSON object per line instead')
    .action(async (opts: { org?: string; limit: number; after?: number; json?: boolean }) => {
      await withStore(async (ctx) => {
        const orgId = opts.org === undefined ? undefined : await orgIdForSlug(ctx, opts.org);
        const page = await listAuditEvents(ctx, { orgId, after: opts.after, limit: opts.limit });
        for (const e of page.events) console.log(opts.json ? JSON.stringify(e) : line(e));
        if (page.next !== null) {
          console.error(`(older events: add --after ${page.next})`);
        }
      });
    });
}

/** seq, time, action, organisation, actor, target, reason: the who, when, what and why. */
function line(e: AuditEvent): string {
  const actor =
    e.actorUserId != null
      ? `user:${e.actorUserId}`
      : e.actorApiKeyId != null
        ? `apikey:${e.actorApiKeyId}`
        : '-';
  const target = e.targetType != null ? `${e.targetType}:${e.targetId ?? ''}` : '-';
  return [
    `#${e.seq}`,
    e.at,
    e.action,
    e.orgId ?? '-',
    actor,
    target,
    (e.reason ?? '').replace(/[\t\r\n]/g, ' '),
  ].join('\t');
}
