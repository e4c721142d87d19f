// The review workflow through HTTP, on both stores: screening fills the queue in priority order;
// claims are exclusive and expire; decisions, four-eyes approval (which makes the referral the
// police then see) and rejection; appeals heard by someone else, announced by webhook; cases; and
// an audit event for every step, none carrying a note's text.
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { auditEvents } from '../../src/store/schema.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, signedIn } from '../support/test-app.ts';
import type { Caller } from '../support/test-app.ts';
import { reviewApp } from './review-app.ts';
import type { ReviewApp } from './review-app.ts';

/** Text that must never leave the notes it was written in (audit trail, webhooks). */
const SECRET_NOTE = 'NOTE-7f3a: advertiser mentioned her flatmate takes the money';

interface QueueItem {
  id: string;
  kind: string;
  advertId: string;
  externalId: string;
  level: string;
  town: string | null;
  networkId: string | null;
  families: string[];
  indicators: string[];
  priority: number;
  status: string;
  overdue: boolean;
  minutesInQueue: number;
  claim: { userId: string; mine: boolean; expiresAt: string } | null;
}

for (const target of await storeTargets()) {
  describe(`review workflow (${target.name})`, () => {
    let r: ReviewApp;
    let app: App;
    let key: Caller;
    let admin: Caller;
    let mod1: Caller;
    let mod2: Caller;
    let senior1: Caller;
    let senior2: Caller;
    let police: Caller;
    let policeId: string;
    let flagged: Map<string, string>;

    const call = async (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.server.inject({
        method,
        url,
        headers: caller.headers,
        ...(payload !== undefined ? { payload } : {}),
      });

    const queue = async (caller: Caller, query = '') => {
      const res = await call(caller, 'GET', `/api/v1/review/queue?limit=200${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{
        items: QueueItem[];
        nextCursor: string | null;
        counts: Record<string, number>;
        targetMinutes: number;
      }>();
    };

    /** Claims the next item for `caller` and returns it. */
    const next = async (caller: Caller, filters: object = {}) => {
      const res = await call(caller, 'POST', '/api/v1/review/next', filters);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ item: QueueItem }>().item;
    };

    beforeAll(async () => {
      r = await reviewApp(target);
      app = r.app;
      const site = await makeOrg(app, 'site');
      const policeOrg = await makeOrg(app, 'police');
      policeId = policeOrg.id;
      key = await apiKeyCaller(app, site.id, ['adverts.ingest', 'adverts.read', 'appeals.create']);
      admin = await signedIn(app, site.id, 'site_admin');
      mod1 = await signedIn(app, site.id, 'moderator');
      mod2 = await signedIn(app, site.id, 'moderator');
      senior1 = await signedIn(app, site.id, 'senior_moderator');
      senior2 = await signedIn(app, site.id, 'senior_moderator');
      police = await signedIn(app, policeOrg.id, 'police_analyst');
      const hook = await call(admin, 'POST', '/api/v1/webhooks', {
        url: 'https://receiver.example.org/beacon',
        events: ['decision.made', 'appeal.resolved'],
      });
      expect(hook.statusCode, hook.body).toBe(201);
      const ingest = await call(key, 'POST', '/api/v1/adverts', demoAdverts(200, 9, 10));
      expect(ingest.statusCode).toBe(202);
      await drainJobs(app);
      const list = await call(key, 'GET', '/api/v1/adverts?limit=500');
      const items = list.json<{ items: { id: number; level: string; externalId: string }[] }>()
        .items;
      expect(items).toHaveLength(200);
      flagged = new Map(
        items
          .filter((i) => i.level === 'medium' || i.level === 'high')
          .map((i) => [String(i.id), i.externalId]),
      );
    });
    afterAll(() => app.close());

    it('queues every advert screening left at medium or high, highest priority first', async () => {
      expect(flagged.size).toBeGreaterThan(5);
      const page = await queue(mod1);
      expect(page.items.map((i) => i.advertId).sort()).toEqual([...flagged.keys()].sort());
      for (let i = 1; i < page.items.length; i++) {
        expect(page.items[i]!.priority).toBeLessThanOrEqual(page.items[i - 1]!.priority);
      }
      expect(page.items.every((i) => i.kind === 'advert' && i.status === 'open')).toBe(true);
      expect(page.counts).toEqual({
        open: flagged.size,
        claimedByMe: 0,
        awaitingApproval: 0,
        overdue: 0,
      });
      expect(page.targetMinutes).toBe(240);
      // Keyset pages walk the same order without gaps or repeats.
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const res = await call(mod1, 'GET', `/api/v1/review/queue?limit=4${suffix}`);
        const body = res.json<{ items: QueueItem[]; nextCursor: string | null }>();
        walked.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor !== null);
      expect(walked).toEqual(page.items.map((i) => i.id));
      const bad = await call(mod1, 'GET', '/api/v1/review/queue?cursor=nonsense');
      expect(bad.json()).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    });

    it('filters the queue by level, family, indicator and town', async () => {
      const all = (await queue(mod1)).items;
      const high = await queue(mod1, '&level=high');
      expect(high.items.map((i) => i.id)).toEqual(
        all.filter((i) => i.level === 'high').map((i) => i.id),
      );
      const family = all[0]!.families[0]!;
      const byFamily = await queue(mod1, `&family=${family}`);
      expect(byFamily.items.map((i) => i.id)).toEqual(
        all.filter((i) => i.families.includes(family)).map((i) => i.id),
      );
      const indicator = all.at(-1)!.indicators[0]!;
      const byIndicator = await queue(mod1, `&indicator=${encodeURIComponent(indicator)}`);
      expect(byIndicator.items.map((i) => i.id)).toEqual(
        all.filter((i) => i.indicators.includes(indicator)).map((i) => i.id),
      );
      const town = all.find((i) => i.town !== null)?.town;
      if (town) {
        const byTown = await queue(mod1, `&town=${encodeURIComponent(town.toUpperCase())}`);
        expect(byTown.items.length).toBeGreaterThan(0);
        expect(byTown.items.map((i) => i.id)).toEqual(
          all.filter((i) => i.town?.toLowerCase() === town.toLowerCase()).map((i) => i.id),
        );
      }
      const none = await queue(mod1, '&postedFrom=2030-01-01');
      expect(none.items).toEqual([]);
    });

    it('lets exactly one of two moderators racing for an item claim it', async () => {
      const items = (await queue(mod1)).items.slice(0, 5);
      for (const item of items) {
        const [a, b] = await Promise.all([
          call(mod1, 'POST', `/api/v1/review/items/${item.id}/claim`),
          call(mod2, 'POST', `/api/v1/review/items/${item.id}/claim`),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
        const loser = a.statusCode === 409 ? a : b;
        expect(loser.json()).toMatchObject({ code: 'REVIEW_CLAIMED' });
        const winner = a.statusCode === 200 ? mod1 : mod2;
        const view = await call(winner, 'GET', `/api/v1/review/items/${item.id}`);
        expect(view.json().item).toMatchObject({ status: 'claimed', claim: { mine: true } });
        await call(winner, 'POST', `/api/v1/review/items/${item.id}/release`);
      }
      // Re-claiming one's own claim extends it; the other's view shows whose it is.
      const item = items[0]!;
      const first = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/claim`);
      r.clock.advance(5 * 60_000);
      const again = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/claim`);
      expect(Date.parse(again.json().item.claim.expiresAt)).toBe(
        Date.parse(first.json().item.claim.expiresAt) + 5 * 60_000,
      );
      const seen = (await queue(mod2)).items.find((i) => i.id === item.id)!;
      expect(seen).toMatchObject({ status: 'claimed', claim: { mine: false } });
      expect((await queue(mod1)).counts.claimedByMe).toBe(1);
      await call(mod1, 'POST', `/api/v1/review/items/${item.id}/release`);
    });

    it('lets a claim lapse after BEACON_CLAIM_MINUTES, and then someone else take the item', async () => {
      const item = await next(mod1);
      expect(item.claim).toMatchObject({ mine: true });
      const held = await call(mod2, 'POST', `/api/v1/review/items/${item.id}/claim`);
      expect(held.statusCode).toBe(409);
      r.clock.advance(15 * 60_000);
      const taken = await call(mod2, 'POST', `/api/v1/review/items/${item.id}/claim`);
      expect(taken.statusCode, taken.body).toBe(200);
      const late = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'no_concern',
        reasonCode: 'insufficient_evidence',
      });
      expect(late.json()).toMatchObject({ status: 409, code: 'REVIEW_NOT_CLAIMED' });
      await call(mod2, 'POST', `/api/v1/review/items/${item.id}/release`);
    });

    it('records a no-concern decision, final at once, and takes the item out of the queue', async () => {
      const codes = await call(mod1, 'GET', '/api/v1/review/reason-codes');
      const noConcern = codes
        .json<{ outcomes: { outcome: string; reasonCodes: { code: string }[] }[] }>()
        .outcomes.find((o) => o.outcome === 'no_concern')!;
      expect(noConcern.reasonCodes.map((c) => c.code)).toContain('consenting_independent');
      // The referral recipients: the police force by name, and never the site itself.
      const recipients = codes.json<{ recipients: { id: string; name: string; kind: string }[] }>()
        .recipients;
      expect(recipients).toContainEqual({ id: policeId, name: expect.any(String), kind: 'police' });
      expect(recipients.every((o) => o.kind === 'police' || o.kind === 'ngo')).toBe(true);
      const item = await next(mod1);
      const wrong = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'no_concern',
        reasonCode: 'immediate_risk',
      });
      expect(wrong.json()).toMatchObject({ status: 422, code: 'VALIDATION' });
      const res = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'no_concern',
        reasonCode: 'consenting_independent',
        note: SECRET_NOTE,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().decision).toMatchObject({
        itemId: item.id,
        advertId: item.advertId,
        outcome: 'no_concern',
        status: 'final',
        note: SECRET_NOTE,
        approvedBy: null,
      });
      const view = await call(mod2, 'GET', `/api/v1/review/items/${item.id}`);
      expect(view.json().item.status).toBe('decided');
      expect((await queue(mod1)).items.map((i) => i.id)).not.toContain(item.id);
      const history = await call(mod2, 'GET', `/api/v1/adverts/${item.advertId}/decisions`);
      expect(history.json().decisions.map((d: { outcome: string }) => d.outcome)).toEqual([
        'no_concern',
      ]);
      await drainJobs(app);
      const sent = r.deliveries.filter((d) => d.body.event === 'decision.made');
      expect(sent.at(-1)?.body).toMatchObject({
        decision: {
          advertId: flagged.get(item.advertId),
          outcome: 'no_concern',
          reasonCode: 'consenting_independent',
        },
      });
    });

    it('holds a police referral for a second senior, then makes the referral the police see', async () => {
      const item = await next(senior1);
      const before = await call(police, 'GET', `/api/v1/adverts/${item.advertId}`);
      expect(before.statusCode).toBe(404);
      const noRecipient = await call(senior1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'refer_police',
        reasonCode: 'immediate_risk',
      });
      expect(noRecipient.json()).toMatchObject({ status: 422, code: 'VALIDATION' });
      const res = await call(senior1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'refer_police',
        reasonCode: 'immediate_risk',
        toOrgId: policeId,
        note: SECRET_NOTE,
      });
      expect(res.statusCode, res.body).toBe(201);
      const decision = res.json().decision;
      expect(decision).toMatchObject({ status: 'pending_approval', toOrgId: policeId });
      const view = await call(mod1, 'GET', `/api/v1/review/items/${item.id}`);
      expect(view.json().item.status).toBe('awaiting_approval');
      const pending = await call(senior2, 'GET', '/api/v1/review/approvals');
      expect(pending.json().decisions).toEqual([
        expect.objectContaining({
          id: decision.id,
          item: expect.objectContaining({ id: item.id }),
        }),
      ]);
      // A moderator may not approve at all, and the decider may not approve their own.
      const byModerator = await call(
        mod1,
        'POST',
        `/api/v1/review/decisions/${decision.id}/approve`,
      );
      expect(byModerator.statusCode).toBe(403);
      const bySelf = await call(senior1, 'POST', `/api/v1/review/decisions/${decision.id}/approve`);
      expect(bySelf.json()).toMatchObject({ status: 403, code: 'SAME_REVIEWER' });
      r.clock.advance(60_000);
      const approved = await call(
        senior2,
        'POST',
        `/api/v1/review/decisions/${decision.id}/approve`,
      );
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().decision).toMatchObject({
        status: 'approved',
        approvedBy: { displayName: 'senior_moderator' },
      });
      const twice = await call(senior2, 'POST', `/api/v1/review/decisions/${decision.id}/approve`);
      expect(twice.statusCode).toBe(409);
      const after = await call(police, 'GET', `/api/v1/adverts/${item.advertId}`);
      expect(after.statusCode).toBe(200);
      const view2 = await call(mod1, 'GET', `/api/v1/review/items/${item.id}`);
      expect(view2.json().item.status).toBe('decided');
      await drainJobs(app);
      expect(r.deliveries.map((d) => d.body)).toContainEqual(
        expect.objectContaining({
          event: 'decision.made',
          decision: expect.objectContaining({
            advertId: flagged.get(item.advertId),
            outcome: 'refer_police',
          }),
        }),
      );
    });

    it('sends a rejected decision’s item back to the queue', async () => {
      const item = await next(mod2);
      const res = await call(mod2, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'suspend',
        reasonCode: 'terms_breach',
      });
      expect(res.json().decision.status).toBe('pending_approval');
      expect((await queue(mod1)).items.map((i) => i.id)).not.toContain(item.id);
      expect((await queue(mod1, '&status=awaiting_approval')).items.map((i) => i.id)).toEqual([
        item.id,
      ]);
      const rejected = await call(
        senior1,
        'POST',
        `/api/v1/review/decisions/${res.json().decision.id}/reject`,
        { note: SECRET_NOTE },
      );
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json().decision.status).toBe('rejected');
      const back = (await queue(mod1)).items.find((i) => i.id === item.id);
      expect(back).toMatchObject({ status: 'open', claim: null });
    });

    it('hears an appeal with someone who had no part in the decision, and announces the result', async () => {
      // A suspension, decided by one moderator and approved by a senior.
      const item = await next(mod1);
      const decided = await call(mod1, 'POST', `/api/v1/review/items/${item.id}/decisions`, {
        outcome: 'suspend',
        reasonCode: 'third_party_control',
      });
      await call(senior1, 'POST', `/api/v1/review/decisions/${decided.json().decision.id}/approve`);
      const externalId = flagged.get(item.advertId)!;
      r.clock.advance(60 * 60_000);
      const res = await call(key, 'POST', '/api/v1/appeals', {
        advertId: externalId,
        statement: 'I work alone; the other adverts are my friend’s.',
      });
      expect(res.statusCode, res.body).toBe(201);
      const appeal = res.json().appeal;
      expect(appeal).toMatchObject({
        advertId: item.advertId,
        externalId,
        decisionId: decided.json().decision.id,
        status: 'open',
        outcome: null,
      });
      const again = await call(key, 'POST', '/api/v1/appeals', { advertId: externalId });
      expect(again.statusCode).toBe(409);
      const undecided = (await queue(mod1)).items[0]!;
      const nothing = await call(key, 'POST', '/api/v1/appeals', {
        advertId: flagged.get(undecided.advertId),
      });
      expect(nothing.statusCode).toBe(409);
      // The appeal comes first in the queue.
      expect((await queue(senior2)).items[0]).toMatchObject({ id: appeal.itemId, kind: 'appeal' });
      for (const involved of [mod1, senior1]) {
        const claim = await call(involved, 'POST', `/api/v1/review/items/${appeal.itemId}/claim`);
        expect(claim.json()).toMatchObject({ status: 403, code: 'APPEAL_SAME_REVIEWER' });
      }
      const nextForMod1 = await next(mod1);
      expect(nextForMod1.kind).toBe('advert');
      await call(mod1, 'POST', `/api/v1/review/items/${nextForMod1.id}/release`);
      const claim = await call(senior2, 'POST', `/api/v1/review/items/${appeal.itemId}/claim`);
      expect(claim.statusCode, claim.body).toBe(200);
      const view = await call(senior2, 'GET', `/api/v1/review/items/${appeal.itemId}`);
      expect(view.json().appeal).toMatchObject({ id: appeal.id, statement: expect.any(String) });
      const wrongOutcome = await call(
        senior2,
        'POST',
        `/api/v1/review/items/${appeal.itemId}/decisions`,
        {
          outcome: 'no_concern',
          reasonCode: 'insufficient_evidence',
        },
      );
      expect(wrongOutcome.statusCode).toBe(422);
      const heard = await call(senior2, 'POST', `/api/v1/review/items/${appeal.itemId}/decisions`, {
        outcome: 'appeal_overturned',
        reasonCode: 'new_information',
      });
      expect(heard.statusCode, heard.body).toBe(201);
      expect(heard.json().decision.status).toBe('final');
      const resolved = await call(key, 'GET', `/api/v1/appeals/${appeal.id}`);
      expect(resolved.json().appeal).toMatchObject({ status: 'resolved', outcome: 'overturned' });
      const listed = await call(key, 'GET', '/api/v1/appeals');
      expect(listed.json().appeals.map((a: { id: string }) => a.id)).toEqual([appeal.id]);
      await drainJobs(app);
      expect(r.deliveries.map((d) => d.body)).toContainEqual(
        expect.objectContaining({
          event: 'appeal.resolved',
          appeal: { advertId: externalId, appealId: appeal.id, outcome: 'overturned' },
        }),
      );
      // The advert's history, newest first (it may hold an earlier, rejected decision too).
      const history = await call(mod2, 'GET', `/api/v1/adverts/${item.advertId}/decisions`);
      const decisions = history.json<{
        decisions: { id: string; outcome: string; decidedAt: string }[];
      }>().decisions;
      expect(decisions[0]).toMatchObject({ outcome: 'appeal_overturned' });
      expect(decisions.map((d) => d.id)).toContain(decided.json().decision.id);
      const times = decisions.map((d) => d.decidedAt);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('keeps cases with members, notes and a timeline of what was decided', async () => {
      const created = await call(mod1, 'POST', '/api/v1/cases', {
        title: 'Shared phone across towns',
        summary: 'Adverts sharing one number',
      });
      expect(created.statusCode, created.body).toBe(201);
      const caseId = created.json().case.id;
      const decidedAdvert = (
        await call(mod1, 'GET', '/api/v1/review/queue?status=decided&limit=1')
      ).json().items[0].advertId;
      const member = await call(mod1, 'POST', `/api/v1/cases/${caseId}/members`, {
        advertId: decidedAdvert,
      });
      expect(member.statusCode, member.body).toBe(201);
      const networkId = (await queue(mod1)).items.find((i) => i.networkId !== null)?.networkId;
      if (networkId) {
        const net = await call(mod1, 'POST', `/api/v1/cases/${caseId}/members`, { networkId });
        expect(net.statusCode, net.body).toBe(201);
      }
      const missing = await call(mod1, 'POST', `/api/v1/cases/${caseId}/members`, {
        advertId: '987654321',
      });
      expect(missing.statusCode).toBe(404);
      r.clock.advance(60_000);
      const note = await call(mod2, 'POST', `/api/v1/cases/${caseId}/notes`, { text: SECRET_NOTE });
      expect(note.statusCode, note.body).toBe(201);
      const got = await call(mod2, 'GET', `/api/v1/cases/${caseId}`);
      expect(got.statusCode, got.body).toBe(200);
      const body = got.json();
      expect(body.case).toMatchObject({ title: 'Shared phone across towns' });
      expect(body.members).toHaveLength(networkId ? 2 : 1);
      const kinds = body.timeline.map((t: { kind: string }) => t.kind);
      expect(kinds).toContain('decision');
      expect(kinds).toContain('member');
      expect(body.timeline.at(-1)).toMatchObject({ kind: 'note', text: SECRET_NOTE });
      const times = body.timeline.map((t: { at: string }) => t.at);
      expect(times).toEqual([...times].sort());
      const list = await call(mod1, 'GET', '/api/v1/cases');
      expect(list.json().cases).toEqual([
        expect.objectContaining({ id: caseId, itemCount: networkId ? 2 : 1 }),
      ]);
    });

    it('shows overdue items once they have waited longer than the target', async () => {
      r.clock.advance(241 * 60_000);
      const page = await queue(mod1);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((i) => i.overdue && i.minutesInQueue >= 240)).toBe(true);
      expect(page.counts.overdue).toBe(page.items.length);
    });

    it('audits every step, by reason code, without the text of any note', async () => {
      const events = await app.store.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      const actions = new Set(events.map((e) => e.action));
      for (const action of [
        'review.decide',
        'review.approve',
        'review.reject',
        'referral.create',
        'appeal.create',
        'appeal.resolve',
        'case.create',
        'case.add_member',
        'case.note',
      ]) {
        expect(actions, action).toContain(action);
      }
      const decide = events.filter((e) => e.action === 'review.decide');
      expect(decide.map((e) => e.reason)).toContain('consenting_independent');
      expect(decide.every((e) => e.targetType === 'decision' && e.targetId !== null)).toBe(true);
      expect(JSON.stringify(events)).not.toContain('NOTE-7f3a');
      expect(JSON.stringify(events)).not.toContain('my friend');
      expect(JSON.stringify(r.deliveries)).not.toContain('NOTE-7f3a');
    });
  });
}
