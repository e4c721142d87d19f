// The PostgreSQL schema, one dialect for both the embedded store (PGlite) and a real server.
// Migrations in src/store/migrations are generated from this file (`npm run db:generate`) and
// committed; `npm run db:check` fails when the two disagree.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ORG_KINDS, ROLES } from '../core/auth/roles.ts';
import { LEVELS } from '../core/model/result.ts';

const createdAt = (name = 'created_at') =>
  timestamp(name, { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const orgKind = pgEnum('org_kind', ORG_KINDS);

export const role = pgEnum('role', ROLES);

export const level = pgEnum('level', LEVELS);

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed']);

/** An organisation: a site, a police force, an NGO, a research group or a training provider. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: orgKind('kind').notNull(),
  /** Demo organisations hold synthetic data only and are marked so everywhere. */
  isDemo: boolean('is_demo').notNull().default(false),
  /** Two-factor sign-in is required for members of organisations that see personal data. */
  requireTwoFactor: boolean('require_two_factor').notNull().default(true),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** Argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    disabledAt: ts('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_lower').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId, t.role] }), index().on(t.orgId)],
);

/** One-time recovery codes for two-factor sign-in, stored as Argon2id hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);

/** Signed-in sessions; the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    /** Set once the second factor has been given (or when none is required). */
    verifiedAt: ts('verified_at'),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);

/** API keys for sites' systems: scoped to one organisation, stored hashed, revocable. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the key, shown to people and used to find the row. */
    prefix: text('prefix').notNull().unique(),
    /** Argon2id PHC string of the whole key. */
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orgId)],
);

/** An advert as a site knows it: one row per (site, advert id); its content lives in versions. */
export const adverts = pgTable(
  'adverts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    currentVersion: integer('current_version').notNull(),
    /** SHA-256 of the current version's canonical JSON: re-sending it changes nothing. */
    contentHash: text('content_hash').notNull(),
    postedAt: ts('posted_at'),
    firstSeenAt: createdAt('first_seen_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.orgId, t.externalId)],
);

/** Every version of every advert, kept when an advert is edited. */
export const advertVersions = pgTable(
  'advert_versions',
  {
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    receivedAt: createdAt('received_at'),
  },
  (t) => [primaryKey({ columns: [t.advertId, t.version] })],
);

/** Normalised identifiers extracted from an advert's current version (phones, emails, ...). */
export const identifiers = pgTable(
  'identifiers',
  {
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.advertId, t.type, t.value] }), index().on(t.type, t.value)],
);

/** Perceptual hashes of an advert's images. */
export const images = pgTable(
  'images',
  {
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    pdq: text('pdq').notNull(),
    quality: integer('quality'),
  },
  (t) => [primaryKey({ columns: [t.advertId, t.position] }), index().on(t.pdq)],
);

/** The latest screening result of each advert, with the catalogue version that produced it. */
export const results = pgTable(
  'results',
  {
    advertId: bigint('advert_id', { mode: 'number' })
      .primaryKey()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    catalogueVersion: text('catalogue_version').notNull(),
    score: real('score').notNull(),
    level: level('level').notNull(),
    networkId: text('network_id'),
    reasons: jsonb('reasons').notNull(),
    screenedAt: ts('screened_at').notNull().defaultNow(),
  },
  (t) => [
    // Keyset pagination of a site's results, highest score first.
    index('results_org_score').on(t.orgId, t.score.desc(), t.advertId.desc()),
    index('results_org_level_score').on(t.orgId, t.level, t.score.desc(), t.advertId.desc()),
    index().on(t.networkId),
  ],
);

/** Typed, explained links between adverts (an EdgeRecord without its ends in `detail`). */
export const links = pgTable(
  'links',
  {
    fromAdvertId: bigint('from_advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    toAdvertId: bigint('to_advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    detail: jsonb('detail').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.fromAdvertId, t.toAdvertId, t.type] }),
    index().on(t.toAdvertId),
  ],
);

/**
 * The order in which advert versions entered the linkage index. Every process that links replays
 * it, so all of them hold the same networks (see services/link-stored-adverts.ts).
 */
export const linkLog = pgTable(
  'link_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.advertId, t.version)],
);

/** Networks of linked adverts, with their score and record (networks.jsonl's shape). */
export const networks = pgTable(
  'networks',
  {
    id: text('id').primaryKey(),
    score: real('score').notNull(),
    level: level('level').notNull(),
    size: integer('size').notNull(),
    reasons: jsonb('reasons').notNull(),
    summary: jsonb('summary').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('networks_score_id').on(t.score.desc(), t.id.desc())],
);

export const networkMembers = pgTable(
  'network_members',
  {
    networkId: text('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.advertId] }), index().on(t.advertId)],
);

export const reviewStatus = pgEnum('review_status', [
  'open',
  'claimed',
  'decided',
  'awaiting_approval',
  'withdrawn',
]);

/**
 * Work for moderators: an advert screening left at medium or high (kind `advert`), or an appeal
 * against a decision (kind `appeal`). A claim is `claimed_by` with an unexpired
 * `claim_expires_at` on an `open` item (the stored status `claimed` is not used). `priority` is
 * the time-free part of the priority and `rank` = priority − k·hours(queued_at), so ordering by
 * rank orders by the current priority at any time (core/review/priority.ts).
 */
export const reviewItems = pgTable(
  'review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    advertId: bigint('advert_id', { mode: 'number' }).references(() => adverts.id, {
      onDelete: 'cascade',
    }),
    networkId: text('network_id'),
    status: reviewStatus('status').notNull().default('open'),
    priority: real('priority').notNull(),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimExpiresAt: ts('claim_expires_at'),
    createdAt: createdAt(),
    kind: text('kind').notNull().default('advert'),
    rank: doublePrecision('rank').notNull().default(0),
    /** Snapshot of the screening when the item was queued (or last refreshed). */
    score: real('score').notNull().default(0),
    level: level('level').notNull().default('medium'),
    networkSize: integer('network_size').notNull().default(1),
    networkTowns: integer('network_towns').notNull().default(0),
    town: text('town'),
    queuedAt: ts('queued_at').notNull().defaultNow(),
    /** Users who may not claim the item (for an appeal: who made or approved the decision). */
    excludedReviewers: uuid('excluded_reviewers')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Set when the item leaves the queue for good (decided or withdrawn). */
    closedAt: ts('closed_at'),
  },
  (t) => [
    index().on(t.orgId, t.status, t.priority.desc()),
    // Keyset pages of a site's queue, highest rank first.
    index('review_items_org_rank').on(t.orgId, t.status, t.rank.desc(), t.id.desc()),
    // The same pages filtered to a town: without it a rare town scans most of the queue.
    index('review_items_org_town_rank').on(
      t.orgId,
      t.status,
      sql`lower(${t.town})`,
      t.rank.desc(),
      t.id.desc(),
    ),
    // The queue's counts (open, mine, awaiting approval, overdue) from the index alone.
    index('review_items_org_counts').on(
      t.orgId,
      t.status,
      t.queuedAt,
      t.claimedBy,
      t.claimExpiresAt,
    ),
    // One's own claims, counted on every page of the queue.
    index('review_items_open_claims')
      .on(t.claimedBy)
      .where(sql`${t.status} = 'open'`),
    // An advert's decision history, open or closed.
    index('review_items_advert').on(t.advertId),
    // At most one item in the queue per advert and kind.
    uniqueIndex('review_items_open_advert')
      .on(t.advertId, t.kind)
      .where(sql`${t.closedAt} is null`),
  ],
);

/**
 * A moderator's decision on a review item. Suspensions and referrals wait for a senior's approval
 * (`pending_approval`, then `approved` or `rejected`); the others are `final` at once.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewItemId: uuid('review_item_id')
      .notNull()
      .references(() => reviewItems.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Who decided. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    outcome: text('outcome').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    reasonCode: text('reason_code').notNull().default(''),
    /** BCP 47 tag: the advertiser's language, for safety information. */
    language: text('language'),
    /** The police force or NGO a referral goes to. */
    toOrgId: uuid('to_org_id').references(() => organisations.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('final'),
    /** The senior who approved or rejected the decision. */
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: ts('approved_at'),
    /** The senior's note on a rejection (never sent anywhere). */
    reviewNote: text('review_note'),
    /** The referral an approved refer_* decision made. */
    referralId: uuid('referral_id'),
  },
  (t) => [index().on(t.reviewItemId), index('decisions_org_status').on(t.orgId, t.status)],
);

/** An appeal against a decision, made by the site (usually for its advertiser). */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    advertId: bigint('advert_id', { mode: 'number' })
      .notNull()
      .references(() => adverts.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => reviewItems.id, { onDelete: 'cascade' }),
    /** The advertiser's statement (personal data: never logged or audited). */
    statement: text('statement'),
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    createdByUser: uuid('created_by_user').references(() => users.id, { onDelete: 'set null' }),
    createdByApiKey: uuid('created_by_api_key').references(() => apiKeys.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [index().on(t.orgId, t.createdAt), index().on(t.advertId), uniqueIndex().on(t.itemId)],
);

/** A site's investigation: adverts and networks gathered with notes, within one organisation. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary'),
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orgId, t.createdAt)],
);

export const caseMembers = pgTable(
  'case_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    advertId: bigint('advert_id', { mode: 'number' }).references(() => adverts.id, {
      onDelete: 'cascade',
    }),
    networkId: text('network_id'),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: createdAt('added_at'),
  },
  (t) => [
    index().on(t.caseId),
    uniqueIndex('case_members_advert').on(t.caseId, t.advertId),
    uniqueIndex('case_members_network').on(t.caseId, t.networkId),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The note (may hold personal data: never logged or audited). */
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.caseId, t.createdAt)],
);

/**
 * Catalogue weight changes proposed from a site's decisions (calibration), with the complete draft
 * catalogue; a senior moderator other than the proposer approves or rejects it. Approval is
 * recorded, never applied: the operator commits an approved draft as the catalogue.
 */
export const catalogueDrafts = pgTable(
  'catalogue_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    baseVersion: text('base_version').notNull(),
    version: text('version').notNull(),
    /** The proposal: changes with their evidence, and the indicators left alone with why. */
    proposal: jsonb('proposal').notNull(),
    /** The whole draft catalogue, valid against the catalogue schema. */
    catalogue: jsonb('catalogue').notNull(),
    status: text('status').notNull().default('proposed'),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: createdAt('proposed_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: ts('reviewed_at'),
  },
  (t) => [index().on(t.orgId, t.proposedAt)],
);

/** What a site has referred to a police force or an NGO: all those organisations may see. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromOrgId: uuid('from_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    toOrgId: uuid('to_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    advertId: bigint('advert_id', { mode: 'number' }).references(() => adverts.id, {
      onDelete: 'cascade',
    }),
    networkId: text('network_id'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.toOrgId, t.advertId), index().on(t.toOrgId, t.networkId)],
);

/**
 * Append-only audit trail. Each event carries the hash of the one before it, so an edited or
 * deleted row breaks the chain (`beacon audit verify`).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    orgId: uuid('org_id'),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    reason: text('reason'),
    detail: jsonb('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index().on(t.orgId, t.seq)],
);

/** Background jobs: keyed (a key is queued once), claimed with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull().unique(),
    payload: jsonb('payload').notNull(),
    status: jobStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: ts('run_after').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    progress: jsonb('progress'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_ready').on(t.status, t.runAfter)],
);

/** Bulk imports of advert files, with their progress. */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  total: integer('total'),
  processed: integer('processed').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  errors: jsonb('errors').notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  finishedAt: ts('finished_at'),
});

/** Outbound webhooks of a site, signed with HMAC-SHA256. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    events: text('events').array().notNull(),
    disabledAt: ts('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orgId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    nextAttemptAt: ts('next_attempt_at'),
    createdAt: createdAt(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index().on(t.webhookId, t.id)],
);
