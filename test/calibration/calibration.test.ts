// Calibration through HTTP, on both stores: decisions on screened adverts give each indicator's
// precision and the false-positive rates by group; a senior proposes a catalogue draft from them,
// cannot approve their own, another senior approves it; another site sees none of it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { App } from '../../src/app.ts';
import { catalogueSchema } from '../../src/core/catalogue/catalogue-schema.ts';
import { nextMinorVersion } from '../../src/core/calibration/draft-catalogue.ts';
import { auditEvents, decisions, results, reviewItems } from '../../src/store/schema.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, signedIn, testApp } from '../support/test-app.ts';
import type { Caller } from '../support/test-app.ts';

interface Report {
  reviewed: number;
  decided: number;
  confirmed: number;
  indicators: { indicator: string; fired: number; confirmed: number; precision: number | null }[];
  fairness: {
    nationality: { overall: { reviewed: number }; groups: { group: string; reviewed: number }[] };
    language: { overall: { reviewed: number; falsePositives: number } };
  };
}

for (const target of await storeTargets()) {
  describe(`calibration (${target.name})`, () => {
    let app: App;
    let moderator: Caller;
    let senior1: Caller;
    let senior2: Caller;
    let otherSenior: Caller;
    /** The indicator decisions confirm: the one that fired on most reviewed adverts. */
    let favoured: string;
    let expected: { reviewed: number; confirmed: number; fired: number };

    const call = (caller: Caller, method: 'GET' | 'POST', url: string) =>
      app.server.inject({ method, url, headers: caller.headers });

    beforeAll(async () => {
      app = await testApp(target);
      const site = await makeOrg(app, 'site');
      const other = await makeOrg(app, 'site');
      const key = await apiKeyCaller(app, site.id, ['adverts.ingest']);
      moderator = await signedIn(app, site.id, 'moderator');
      senior1 = await signedIn(app, site.id, 'senior_moderator');
      senior2 = await signedIn(app, site.id, 'senior_moderator');
      otherSenior = await signedIn(app, other.id, 'senior_moderator');
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: key.headers,
        payload: demoAdverts(400, 21, 14),
      });
      expect(res.statusCode, res.body).toBe(202);
      await drainJobs(app);

      // Every queued advert is decided: confirmed when the most common indicator fired on it.
      const items = await app.store.db
        .select({ id: reviewItems.id, advertId: reviewItems.advertId, reasons: results.reasons })
        .from(reviewItems)
        .innerJoin(results, eq(results.advertId, reviewItems.advertId))
        .where(eq(reviewItems.orgId, site.id));
      expect(items.length).toBeGreaterThan(40);
      const indicatorsOf = (reasons: unknown) =>
        new Set((reasons as { indicator: string }[]).map((r) => r.indicator));
      const counts = new Map<string, number>();
      for (const item of items) {
        for (const id of indicatorsOf(item.reasons)) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      favoured = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      let confirmed = 0;
      const me = await call(moderator, 'GET', '/api/v1/me');
      const userId = me.json().userId as string;
      for (const item of items) {
        const yes = indicatorsOf(item.reasons).has(favoured);
        if (yes) confirmed += 1;
        await app.store.db.insert(decisions).values({
          reviewItemId: item.id,
          orgId: site.id,
          userId,
          outcome: yes ? 'suspend' : 'no_concern',
          reasonCode: yes ? 'control_indicators' : 'insufficient_evidence',
          status: yes ? 'approved' : 'final',
        });
      }
      // A pending decision does not count.
      await app.store.db
        .update(decisions)
        .set({ status: 'pending_approval' })
        .where(eq(decisions.reviewItemId, items[0]!.id));
      const first = indicatorsOf(items[0]!.reasons).has(favoured);
      expected = {
        reviewed: items.length - 1,
        confirmed: confirmed - (first ? 1 : 0),
        fired: counts.get(favoured)! - (first ? 1 : 0),
      };
    }, 180_000);
    afterAll(() => app.close());

    it('reports precision and false-positive rates from the decisions in force', async () => {
      const res = await call(moderator, 'GET', '/api/v1/calibration');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<Report>();
      expect(report).toMatchObject({
        reviewed: expected.reviewed,
        decided: expected.reviewed,
        confirmed: expected.confirmed,
      });
      const row = report.indicators.find((i) => i.indicator === favoured)!;
      expect(row).toMatchObject({ fired: expected.fired, confirmed: expected.fired, precision: 1 });
      const groups = report.fairness.nationality.groups.reduce((n, g) => n + g.reviewed, 0);
      expect(groups).toBe(expected.reviewed);
      expect(report.fairness.language.overall).toMatchObject({
        reviewed: expected.reviewed,
        falsePositives: expected.reviewed - expected.confirmed,
      });
      // Another site has no decisions.
      const other = await call(otherSenior, 'GET', '/api/v1/calibration');
      expect(other.json()).toMatchObject({ reviewed: 0, decided: 0 });
    });

    it('drafts weight changes that a different senior moderator approves', async () => {
      const proposed = await call(senior1, 'POST', '/api/v1/calibration/drafts');
      expect(proposed.statusCode, proposed.body).toBe(201);
      const { draft } = proposed.json();
      expect(draft.status).toBe('proposed');
      expect(draft.version).toBe(nextMinorVersion(app.linker.catalogue.version));
      const change = draft.proposal.changes.find(
        (c: { indicator: string }) => c.indicator === favoured,
      );
      const spec = app.linker.catalogue.byId.get(favoured)!;
      if (spec.biasRisk) expect(change).toBeUndefined();
      else expect(change.to).toBeGreaterThan(change.from);
      // Nothing changed the weights Beacon screens with.
      expect(app.linker.catalogue.byId.get(favoured)!.weight).toBe(spec.weight);

      const own = await call(senior1, 'POST', `/api/v1/calibration/drafts/${draft.id}/approve`);
      expect(own.statusCode).toBe(403);
      expect(own.json().code).toBe('SAME_REVIEWER');
      const foreign = await call(otherSenior, 'GET', `/api/v1/calibration/drafts/${draft.id}`);
      expect(foreign.statusCode).toBe(404);
      const moderatorTry = await call(
        moderator,
        'POST',
        `/api/v1/calibration/drafts/${draft.id}/approve`,
      );
      expect(moderatorTry.statusCode).toBe(403);

      const approved = await call(
        senior2,
        'POST',
        `/api/v1/calibration/drafts/${draft.id}/approve`,
      );
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().draft.status).toBe('approved');
      const again = await call(senior2, 'POST', `/api/v1/calibration/drafts/${draft.id}/reject`);
      expect(again.statusCode).toBe(409);

      const yaml = await call(moderator, 'GET', `/api/v1/calibration/drafts/${draft.id}/catalogue`);
      expect(yaml.statusCode).toBe(200);
      expect(yaml.headers['content-type']).toContain('application/yaml');
      const parsed = catalogueSchema.parse(parse(yaml.body));
      expect(parsed.version).toBe(draft.version);

      const audited = await app.store.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, draft.id));
      expect(audited.map((a) => a.action).sort()).toEqual([
        'calibration.approve',
        'calibration.propose',
      ]);
    });
  });
}
