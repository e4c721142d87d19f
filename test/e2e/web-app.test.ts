// The reviewer web app in a real browser, end to end on the demo (300 synthetic adverts): a
// moderator signs in and enrols two-factor sign-in, works the queue with the keyboard, opens an
// advert, reveals an image and decides (a referral, then a final decision); a senior moderator
// approves the referral; the site files an appeal with its API key and the senior moderator (who
// took no part in the decision) resolves it; the site admin sees every step in the audit trail.
// Every main screen is screenshotted and checked with axe-core (no serious or critical issues).
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { addUser } from '../../src/services/accounts/add-user.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { createOrganisation } from '../../src/services/accounts/create-organisation.ts';
import { findOrganisationBySlug } from '../../src/services/accounts/find-organisations.ts';
import type { DemoCredentials } from '../../src/services/seed-demo.ts';
import {
  browserAvailable,
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  seriousViolations,
  startSeededApp,
} from './browser.ts';

const run = browserAvailable();

describe.skipIf(!run)('the web app in a browser', () => {
  let app: App;
  let url: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let people: Record<string, DemoCredentials>;
  let siteOrgId: string;
  let policeOrgId: string;
  let secondOrgId: string;
  /** The site's id of the advert that got a final decision (appealed later). */
  let decidedExternalId = '';
  let appealId = '';

  beforeAll(async () => {
    ensureWebBuilt();
    ({ app, url } = await startSeededApp(300).then(async (started) => {
      people = Object.fromEntries(started.seed.credentials.map((c) => [c.role, c]));
      return started;
    }));
    const site = await findOrganisationBySlug(app.ctx, 'demo-site');
    const police = await findOrganisationBySlug(app.ctx, 'demo-police');
    siteOrgId = site!.id;
    policeOrgId = police!.id;
    // A second organisation that requires two-factor sign-in: the moderator belongs to both, so
    // signing in means enrolling, and the header offers the organisation switch.
    const second = await createOrganisation(app.ctx, {
      slug: 'second-site',
      name: 'Second site (synthetic)',
      kind: 'site',
      requireTwoFactor: true,
    });
    secondOrgId = second.id;
    await addUser(app.ctx, {
      email: people.moderator!.email,
      displayName: 'Demo moderator',
      password: 'unused-for-existing-accounts',
      orgId: second.id,
      roles: ['moderator'],
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function checkScreen(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page), `accessibility of ${name}`).toEqual([]);
  }

  async function signIn(page: Page, who: DemoCredentials): Promise<void> {
    await page.goto(url);
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  let moderator: Page;
  let recoveryCode = '';

  it('signs a moderator in, enrolling two-factor sign-in and showing recovery codes once', async () => {
    moderator = await newPage();
    await moderator.goto(url);
    await moderator.getByLabel('Email address').waitFor();
    await checkScreen(moderator, '01-sign-in');
    await signIn(moderator, people.moderator!);

    await moderator.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    const secret = (await moderator.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(await moderator.getByTestId('totp-uri').textContent()).toContain(`secret=${secret}`);
    await checkScreen(moderator, '02-enrol');
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    await moderator.getByLabel('Six-digit code from the app').fill(code);
    await moderator.getByRole('button', { name: 'Finish setting up' }).click();

    await moderator.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = moderator.getByTestId('recovery-codes').locator('li');
    expect(await codes.count()).toBe(10);
    recoveryCode = (await codes.first().textContent())!.trim();
    await checkScreen(moderator, '03-recovery-codes');
    const carryOn = moderator.getByRole('button', { name: 'Continue to Beacon' });
    expect(await carryOn.isDisabled()).toBe(true);
    await moderator.getByLabel('I have saved these').check();
    await carryOn.click();

    // Two organisations: the header offers the switch. Act for the other one, then the demo site.
    const switcher = moderator.getByLabel('Organisation');
    await switcher.waitFor();
    expect(await switcher.locator('option').count()).toBe(2);
    for (const orgId of [secondOrgId, siteOrgId]) {
      if ((await switcher.inputValue()) === orgId) continue;
      await switcher.selectOption(orgId);
      await moderator.waitForFunction(
        `fetch('/api/v1/me').then((r) => r.json()).then((me) => me.orgId === ${JSON.stringify(orgId)})`,
      );
    }
    expect(await switcher.inputValue()).toBe(siteOrgId);
  });

  it('signs the moderator in elsewhere with a recovery code', async () => {
    const page = await newPage();
    await signIn(page, people.moderator!);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await checkScreen(page, '03b-second-factor');
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('shows an advert with its evidence, score chart and blurred images, revealed one by one', async () => {
    // A high-level advert in a network, found with the moderator's own session.
    const advertId = (await moderator.evaluate(
      `fetch('/api/v1/adverts?level=high&limit=100').then((r) => r.json())
        .then((p) => p.items.find((a) => a.networkId !== null)?.id)`,
    )) as number | undefined;
    expect(advertId).toBeDefined();
    await moderator.goto(`${url}/adverts/${advertId}`);
    await moderator.getByRole('heading', { name: 'Why this score' }).waitFor();
    const marks = moderator.locator('.advert-text mark, .advert-title-text mark, .facts mark');
    expect(await marks.count()).toBeGreaterThan(0);
    const refs = moderator.locator('.evidence-ref a');
    expect(await refs.count()).toBeGreaterThan(0);
    expect(await refs.first().getAttribute('href')).toMatch(/^\/catalogue#/);
    expect(await moderator.locator('svg.score-chart rect.bar').count()).toBeGreaterThan(0);
    expect(await moderator.locator('ul.links > li').count()).toBeGreaterThan(0);

    const images = moderator.getByTestId('advert-image');
    expect(await images.count()).toBeGreaterThan(0);
    const first = images.first();
    expect(await first.getAttribute('class')).not.toContain('revealed');
    expect(await first.textContent()).toMatch(/PDQ hash: [0-9a-f]{64}/);
    const reveal = first.getByRole('button', { name: 'Reveal image 1' });
    expect(await reveal.getAttribute('aria-pressed')).toBe('false');
    await checkScreen(moderator, '04-advert');
    await reveal.click();
    expect(await first.getAttribute('class')).toContain('revealed');
    const hide = first.getByRole('button', { name: 'Blur image 1 again' });
    expect(await hide.getAttribute('aria-pressed')).toBe('true');
    // The others stay blurred.
    if ((await images.count()) > 1) {
      expect(await images.nth(1).getAttribute('class')).not.toContain('revealed');
    }
  });

  it('opens the catalogue entry an evidence link points at', async () => {
    const ref = moderator.locator('.evidence-ref a').first();
    const href = (await ref.getAttribute('href'))!;
    await ref.click();
    await moderator.waitForURL(`${url}${href}`);
    await moderator.getByRole('heading', { name: 'Indicator catalogue', level: 1 }).waitFor();
    const focused = await moderator.evaluate('document.activeElement?.id ?? ""');
    expect(focused).toMatch(/^indicator-/);
    await checkScreen(moderator, '05-catalogue');
    await moderator.goBack();
  });

  it('links the advert to its network screen', async () => {
    const link = moderator.getByRole('link', { name: /^Open network / });
    await link.waitFor();
    await link.click();
    await moderator.waitForURL(/\/networks\//);
    await moderator.locator('h1').first().waitFor();
    await checkScreen(moderator, '06-network');
  });

  it('works the queue with the keyboard and opens an advert', async () => {
    await moderator.goto(`${url}/queue`);
    const rows = moderator.locator('table.queue tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await checkScreen(moderator, '07-queue');

    // j moves the selection down, k back up.
    await moderator.locator('h1').click();
    expect(await rows.nth(0).getAttribute('aria-current')).toBe('true');
    await moderator.keyboard.press('j');
    expect(await rows.nth(1).getAttribute('aria-current')).toBe('true');
    expect(await rows.nth(0).getAttribute('aria-current')).toBeNull();
    await moderator.keyboard.press('k');
    expect(await rows.nth(0).getAttribute('aria-current')).toBe('true');
    expect(await rows.nth(1).getAttribute('aria-current')).toBeNull();

    // ? lists the shortcuts.
    await moderator.locator('h1').click();
    await moderator.keyboard.press('?');
    const dialog = moderator.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await checkScreen(moderator, '08-shortcuts');
    await moderator.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Enter opens the selected (first) item and claims it.
    const firstId = await rows.nth(0).getAttribute('data-item-id');
    await moderator.locator('h1').click();
    await moderator.keyboard.press('Enter');
    await moderator.waitForURL(`${url}/review/${firstId}`);
    await moderator.getByText('You hold the claim on this item').waitFor();
    await moderator.getByRole('heading', { name: 'Decision', exact: true }).waitFor();
    await checkScreen(moderator, '09-advert-under-review');
  });

  it('refers the advert to the police (5), which waits for approval', async () => {
    await moderator.locator('h1').click();
    await moderator.keyboard.press('5');
    expect(await moderator.locator('#outcome-refer_police').isChecked()).toBe(true);
    expect(await moderator.locator('#reason-code').inputValue()).not.toBe('');
    const recipient = moderator.locator('#recipient');
    if ((await recipient.evaluate((el) => el.tagName)) === 'SELECT') {
      await recipient.selectOption(policeOrgId);
    } else {
      await recipient.fill(policeOrgId);
    }
    await moderator.getByLabel('Note (optional)').fill('Several personas share one phone.');
    await checkScreen(moderator, '10-decision-panel');
    await moderator.getByRole('button', { name: 'Send for approval' }).click();
    await moderator.getByText('Sent to a senior moderator for approval.').waitFor();
  });

  it('takes the next item (n) and records a final decision (1)', async () => {
    const before = moderator.url();
    await moderator.locator('h1').click();
    await moderator.keyboard.press('n');
    await moderator.waitForURL((u) => u.toString() !== before && u.pathname.startsWith('/review/'));
    await moderator.getByText('You hold the claim on this item').waitFor();
    decidedExternalId = (await moderator.getByTestId('external-id').textContent())!.trim();
    await moderator.locator('h1').click();
    await moderator.keyboard.press('1');
    expect(await moderator.locator('#outcome-no_concern').isChecked()).toBe(true);
    await moderator.getByRole('button', { name: 'Record decision' }).click();
    await moderator.getByText('The decision is final').waitFor();
  });

  let senior: Page;

  it('lets a senior moderator approve the referral', async () => {
    senior = await newPage();
    await signIn(senior, people.senior_moderator!);
    await senior.getByRole('link', { name: 'Approvals' }).click();
    const card = senior.locator('article.approval').first();
    await card.waitFor();
    expect(await card.textContent()).toContain('Refer to police');
    await checkScreen(senior, '11-approvals');
    await card.getByRole('button', { name: 'Approve' }).click();
    await senior.getByText('Approved: the decision has taken effect.').waitFor();
  });

  it('shows an appeal filed with the site API key and lets a different reviewer resolve it', async () => {
    const { key } = await createApiKey(app.ctx, {
      orgId: siteOrgId,
      name: 'e2e appeals',
      scopes: ['appeals.create'] as never,
      createdBy: null,
    });
    const res = await fetch(`${url}/api/v1/appeals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ advertId: decidedExternalId, statement: 'The advert is mine.' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    appealId = ((await res.json()) as { appeal: { id: string } }).appeal.id;

    await senior.getByRole('link', { name: 'Appeals' }).click();
    const row = senior.locator(`tr[data-appeal-id="${appealId}"]`);
    await row.waitFor();
    await checkScreen(senior, '12-appeals');
    await row.getByRole('link', { name: 'Hear the appeal' }).click();
    await senior.getByText('You hold the claim on this item').waitFor();
    await senior.locator('h1').click();
    await senior.keyboard.press('1');
    expect(await senior.locator('#outcome-appeal_upheld').isChecked()).toBe(true);
    await senior.getByRole('button', { name: 'Record decision' }).click();
    await senior.getByText('Decision recorded').waitFor();

    await senior.getByRole('link', { name: 'Appeals' }).click();
    await row.waitFor();
    expect(await row.textContent()).toContain('Resolved');
  });

  it('shows each step in the audit trail', async () => {
    const admin = await newPage();
    await signIn(admin, people.site_admin!);
    await admin.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await admin.locator('table.audit tbody tr').first().waitFor();
    await checkScreen(admin, '13-audit');
    const actions = await admin
      .locator('table.audit tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.filter((a) => a === 'review.decide').length).toBeGreaterThanOrEqual(3);
    expect(actions).toContain('review.approve');
    expect(actions).toContain('appeal.create');
    expect(actions).toContain('advert.view_personal');
  });
});
