// The outcomes a moderator may record on a review item, the reason codes each one takes, and which
// of them need a senior's approval (four eyes) or a recipient organisation. Pure data and checks:
// the services apply them, the web app shows the labels (GET /api/v1/review/reason-codes).

/** Every outcome, in the order a reviewer is offered them. */
export const OUTCOMES = [
  'no_concern',
  'safety_info',
  'request_verification',
  'suspend',
  'refer_police',
  'refer_ngo',
  'appeal_upheld',
  'appeal_overturned',
] as const;
/** What a moderator decided about a review item. */
export type Outcome = (typeof OUTCOMES)[number];

/** What a review item is about: an advert screening flagged, or an appeal against a decision. */
export type ItemKind = 'advert' | 'appeal';

/** The kind of organisation a referral outcome goes to. */
export type Recipient = 'police' | 'ngo';

export interface ReasonCode {
  readonly code: string;
  readonly label: string;
}

export interface OutcomeRule {
  readonly outcome: Outcome;
  readonly label: string;
  /** Suspensions and referrals take effect only once a second, senior person approves them. */
  readonly needsApproval: boolean;
  /** Referrals name the police force or NGO they go to. */
  readonly needsRecipient: Recipient | null;
  /** Appeal outcomes apply to appeal items only, and the others to advert items only. */
  readonly appliesTo: ItemKind;
  readonly reasonCodes: readonly ReasonCode[];
}

const rc = (code: string, label: string): ReasonCode => ({ code, label });

/** The rules of every outcome, in OUTCOMES order. */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    outcome: 'no_concern',
    label: 'No concern',
    needsApproval: false,
    needsRecipient: null,
    appliesTo: 'advert',
    reasonCodes: [
      rc('consenting_independent', 'Consenting, independent advertiser'),
      rc('insufficient_evidence', 'Not enough evidence of a concern'),
      rc('false_positive_language', 'Wording flagged out of context'),
      rc('false_positive_link', 'Links explained (shared flat, agency, photographer)'),
      rc('verified_advertiser', 'Advertiser already verified'),
      rc('duplicate', 'Duplicate of an advert already reviewed'),
    ],
  },
  {
    outcome: 'safety_info',
    label: 'Send safety information',
    needsApproval: false,
    needsRecipient: null,
    appliesTo: 'advert',
    reasonCodes: [
      rc('possible_vulnerability', 'Possible vulnerability'),
      rc('language_barrier', 'Advertiser may not read English well'),
      rc('new_to_work', 'Appears new to the work'),
      rc('risky_services', 'High-risk services offered'),
    ],
  },
  {
    outcome: 'request_verification',
    label: 'Ask the advertiser to verify',
    needsApproval: false,
    needsRecipient: null,
    appliesTo: 'advert',
    reasonCodes: [
      rc('age_unclear', 'Age unclear'),
      rc('identity_unclear', 'Identity unclear'),
      rc('third_party_suspected', 'Someone else may be running the advert'),
      rc('images_reused', 'Photos used elsewhere'),
    ],
  },
  {
    outcome: 'suspend',
    label: 'Suspend the advert',
    needsApproval: true,
    needsRecipient: null,
    appliesTo: 'advert',
    reasonCodes: [
      rc('suspected_under_18', 'Advertiser may be under 18'),
      rc('third_party_control', 'Signs of control by a third party'),
      rc('trafficking_indicators', 'Signs of trafficking'),
      rc('verification_refused', 'Verification refused or failed'),
      rc('terms_breach', "Breach of the site's terms"),
    ],
  },
  {
    outcome: 'refer_police',
    label: 'Refer to the police',
    needsApproval: true,
    needsRecipient: 'police',
    appliesTo: 'advert',
    reasonCodes: [
      rc('immediate_risk', "Immediate risk to someone's safety"),
      rc('suspected_under_18', 'Advertiser may be under 18'),
      rc('trafficking_indicators', 'Signs of trafficking'),
      rc('organised_network', 'Organised network behind several adverts'),
    ],
  },
  {
    outcome: 'refer_ngo',
    label: 'Refer to a support organisation',
    needsApproval: true,
    needsRecipient: 'ngo',
    appliesTo: 'advert',
    reasonCodes: [
      rc('support_needed', 'Advertiser may need support'),
      rc('exploitation_indicators', 'Signs of exploitation'),
      rc('trafficking_indicators', 'Signs of trafficking'),
      rc('language_barrier', 'Advertiser may not read English well'),
    ],
  },
  {
    outcome: 'appeal_upheld',
    label: 'Appeal upheld: the decision stands',
    needsApproval: false,
    needsRecipient: null,
    appliesTo: 'appeal',
    reasonCodes: [
      rc('decision_correct', 'The decision was right on the evidence'),
      rc('statement_insufficient', 'The statement does not change the picture'),
    ],
  },
  {
    outcome: 'appeal_overturned',
    label: 'Appeal allowed: the decision is overturned',
    needsApproval: false,
    needsRecipient: null,
    appliesTo: 'appeal',
    reasonCodes: [
      rc('decision_incorrect', 'The decision was wrong on the evidence'),
      rc('new_information', 'New information changes the picture'),
      rc('verification_provided', 'The advertiser has verified'),
    ],
  },
];

const BY_OUTCOME = new Map(OUTCOME_RULES.map((r) => [r.outcome, r]));

/** Whether a string names an outcome. */
export function isOutcome(value: string): value is Outcome {
  return BY_OUTCOME.has(value as Outcome);
}

/** The rule of an outcome. */
export function outcomeRule(outcome: Outcome): OutcomeRule {
  return BY_OUTCOME.get(outcome)!;
}

/** Whether the outcome takes effect only after a senior's approval. */
export function needsApproval(outcome: Outcome): boolean {
  return outcomeRule(outcome).needsApproval;
}

/** The kind of organisation the outcome refers to, or null. */
export function recipientOf(outcome: Outcome): Recipient | null {
  return outcomeRule(outcome).needsRecipient;
}

/** The label of a reason code of an outcome, or null when the outcome does not take it. */
export function reasonLabel(outcome: Outcome, code: string): string | null {
  return outcomeRule(outcome).reasonCodes.find((r) => r.code === code)?.label ?? null;
}

/** A decision as a moderator proposes it, before the store is consulted. */
export interface ProposedDecision {
  readonly outcome: Outcome;
  readonly reasonCode: string;
  readonly toOrgId?: string | undefined;
}

/**
 * What is wrong with a proposed decision on an item of this kind, in words (empty when nothing):
 * an outcome for the other kind of item, a reason code the outcome does not take, a referral
 * without a recipient or a recipient without a referral.
 */
export function decisionProblems(kind: ItemKind, d: ProposedDecision): string[] {
  const rule = outcomeRule(d.outcome);
  const problems: string[] = [];
  if (rule.appliesTo !== kind) {
    problems.push(
      kind === 'appeal'
        ? 'an appeal is decided with appeal_upheld or appeal_overturned'
        : `${d.outcome} applies to appeals only`,
    );
  }
  if (!rule.reasonCodes.some((r) => r.code === d.reasonCode)) {
    problems.push(
      `reasonCode "${d.reasonCode}" is not one of ${d.outcome}'s (${rule.reasonCodes
        .map((r) => r.code)
        .join(', ')})`,
    );
  }
  if (rule.needsRecipient !== null && d.toOrgId === undefined) {
    problems.push(`${d.outcome} needs toOrgId: the ${rule.needsRecipient} organisation`);
  }
  if (rule.needsRecipient === null && d.toOrgId !== undefined) {
    problems.push(`${d.outcome} goes to no organisation: leave out toOrgId`);
  }
  return problems;
}
