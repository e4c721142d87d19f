// The shapes of the API answers the app reads (src/server/routes and the review API contract).
// Only the fields the screens use are named; the server may send more.

export type Level = 'none' | 'low' | 'medium' | 'high';
export type Family = 'text' | 'image' | 'account' | 'network';

/** An organisation the signed-in person belongs to. */
export interface Org {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly kind: string;
  readonly roles: readonly string[];
}

/** GET /me. */
export interface Me {
  readonly kind: 'user' | 'api_key';
  readonly orgId: string;
  readonly orgKind: string;
  readonly userId: string | null;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  readonly orgs: readonly Org[];
}

export interface SignInAnswer {
  readonly secondFactor: 'required' | 'enrol' | 'none';
  readonly csrfToken: string;
  readonly orgs: readonly Org[];
}

export type Evidence =
  | {
      readonly kind: 'text';
      readonly field: 'title' | 'text';
      readonly span: readonly [number, number];
      readonly excerpt: string;
    }
  | { readonly kind: 'field'; readonly field: string; readonly value: unknown }
  | {
      readonly kind: 'link';
      readonly linkType: string;
      readonly adverts: readonly string[];
      readonly detail: string;
    };

/** One indicator's contribution to a score. */
export interface Reason {
  readonly indicator: string;
  readonly family: Family;
  readonly weight: number;
  readonly evidence: readonly Evidence[];
}

/** The advert's content as the site sent it (interchange format v1); null without access. */
export interface AdvertContent {
  readonly id?: string;
  readonly title?: string;
  readonly text?: string;
  readonly name?: string;
  readonly age?: number;
  readonly town?: string;
  readonly postedAt?: string;
  readonly accountId?: string;
  readonly payerId?: string | null;
  readonly phones?: readonly string[];
  readonly emails?: readonly string[];
  readonly images?: readonly {
    readonly pdq?: string;
    readonly path?: string;
    readonly url?: string;
  }[];
  readonly verified?: { readonly age?: boolean; readonly identity?: boolean };
}

/** GET /adverts/:id. */
export interface AdvertDetail {
  readonly id: number;
  readonly externalId: string;
  readonly site: string;
  readonly version: number;
  readonly score: number;
  readonly level: Level;
  readonly networkId: string | null;
  readonly catalogueVersion: string;
  readonly screenedAt: string;
  readonly postedAt: string | null;
  readonly reasons: readonly Reason[];
  readonly content: AdvertContent | null;
  readonly versions: readonly { readonly version: number; readonly receivedAt: string }[];
  readonly links: readonly {
    readonly advertId: number;
    readonly type: string;
    readonly detail: unknown;
  }[];
}

export interface Person {
  readonly userId: string;
  readonly displayName: string;
}

export type ItemStatus = 'open' | 'claimed' | 'awaiting_approval' | 'decided' | 'withdrawn';

/** A review item in the queue (review API contract). */
export interface QueueItem {
  readonly id: string;
  readonly kind: 'advert' | 'appeal';
  readonly advertId: string;
  readonly externalId: string;
  readonly title: string;
  readonly town: string | null;
  readonly level: Level;
  readonly score: number;
  readonly networkId: string | null;
  readonly networkSize: number;
  readonly networkTowns: number;
  readonly families: readonly string[];
  readonly indicators: readonly string[];
  readonly priority: number;
  readonly queuedAt: string;
  readonly minutesInQueue: number;
  readonly overdue: boolean;
  readonly claim: {
    readonly userId: string;
    readonly displayName: string;
    readonly expiresAt: string;
    readonly mine: boolean;
  } | null;
  readonly status: ItemStatus;
}

export interface QueuePage {
  readonly items: readonly QueueItem[];
  readonly nextCursor: string | null;
  readonly counts: {
    readonly open: number;
    readonly claimedByMe: number;
    readonly awaitingApproval: number;
    readonly overdue: number;
  };
  readonly targetMinutes: number;
}

export type Outcome =
  | 'no_concern'
  | 'safety_info'
  | 'request_verification'
  | 'suspend'
  | 'refer_police'
  | 'refer_ngo'
  | 'appeal_upheld'
  | 'appeal_overturned';

/** The outcomes of an ordinary item, in the order of their 1–6 shortcuts. */
export const ADVERT_OUTCOMES: readonly Outcome[] = [
  'no_concern',
  'safety_info',
  'request_verification',
  'suspend',
  'refer_police',
  'refer_ngo',
];
/** The outcomes of an appeal item, in the order of their 1–2 shortcuts. */
export const APPEAL_OUTCOMES: readonly Outcome[] = ['appeal_upheld', 'appeal_overturned'];

export interface Decision {
  readonly id: string;
  readonly itemId: string;
  readonly advertId: string;
  readonly outcome: Outcome;
  readonly reasonCode: string;
  readonly note: string | null;
  readonly language: string | null;
  readonly toOrgId: string | null;
  readonly status: 'final' | 'pending_approval' | 'approved' | 'rejected';
  readonly decidedBy: Person;
  readonly decidedAt: string;
  readonly approvedBy: Person | null;
  readonly approvedAt: string | null;
}

/** GET /review/reason-codes. */
export interface ReasonCodes {
  readonly outcomes: readonly {
    readonly outcome: Outcome;
    readonly label: string;
    readonly needsApproval: boolean;
    readonly needsRecipient: 'police' | 'ngo' | null;
    readonly reasonCodes: readonly { readonly code: string; readonly label: string }[];
  }[];
  /** Every police force and NGO, for the recipient of a referral. */
  readonly recipients?: readonly Recipient[];
}

export interface Appeal {
  readonly id: string;
  readonly advertId: string;
  readonly externalId: string;
  readonly decisionId: string;
  readonly status: 'open' | 'resolved';
  readonly outcome: 'upheld' | 'overturned' | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly itemId: string;
}

/** One audit event (GET /audit). */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly orgId: string | null;
  readonly actorUserId: string | null;
  readonly actorApiKeyId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly reason: string | null;
  readonly detail?: unknown;
}

/** A page of a keyset list (adverts, networks). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** An organisation a referral may go to (GET /review/reason-codes). */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly kind: 'police' | 'ngo';
}

/** A case in the list (GET /cases). */
export interface CaseSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly createdAt: string;
  readonly itemCount: number;
}

/** A case (POST /cases, GET /cases/:id). */
export interface Case {
  readonly id: string;
  readonly title: string;
  readonly summary: string | null;
  readonly status: string;
  readonly createdAt: string;
  readonly createdBy: Person | null;
}

/** An advert or a network in a case. */
export interface CaseMember {
  readonly advertId: string | null;
  readonly networkId: string | null;
  readonly addedAt: string;
}

/** One event of a case's timeline, oldest first. */
export interface CaseTimelineEntry {
  readonly at: string;
  readonly kind: 'decision' | 'note' | 'member';
  readonly by: Person;
  readonly text: string | null;
  readonly decision?: Decision;
}

/** GET /cases/:id. */
export interface CaseDetail {
  readonly case: Case;
  readonly members: readonly CaseMember[];
  readonly timeline: readonly CaseTimelineEntry[];
}

/** A 95% interval of a proportion. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** One indicator's measured precision (GET /calibration). */
export interface IndicatorPrecision {
  readonly indicator: string;
  readonly family: string;
  readonly name: string;
  readonly fired: number;
  readonly confirmed: number;
  readonly inconclusive: number;
  readonly precision: number | null;
  readonly interval: Interval | null;
}

/** The false-positive rate of one group of reviewed adverts. */
export interface FairnessGroup {
  readonly group: string;
  readonly reviewed: number;
  readonly falsePositives: number;
  readonly rate: number | null;
  readonly interval: Interval | null;
  readonly pValue: number | null;
  /** Cleared significantly more often than everyone else. */
  readonly flagged: boolean;
  /** Too few reviewed adverts to judge. */
  readonly tooFew: boolean;
}

/** False-positive rates by stated nationality or by language. */
export interface FairnessReport {
  readonly by: 'nationality' | 'language';
  readonly overall: {
    readonly reviewed: number;
    readonly falsePositives: number;
    readonly rate: number | null;
    readonly interval: Interval | null;
  };
  readonly groups: readonly FairnessGroup[];
  readonly alpha: number;
}

/** GET /calibration. */
export interface CalibrationReport {
  readonly catalogueVersion: string;
  readonly reviewed: number;
  readonly decided: number;
  readonly confirmed: number;
  readonly indicators: readonly IndicatorPrecision[];
  readonly fairness: { readonly nationality: FairnessReport; readonly language: FairnessReport };
}

/** A proposed weight change with the evidence for it. */
export interface WeightChange {
  readonly indicator: string;
  readonly from: number;
  readonly to: number;
  readonly fired: number;
  readonly confirmed: number;
  readonly precision: number;
  readonly interval: Interval;
  readonly why: string;
}

/** Weight changes proposed from the decisions so far, and why the other indicators stay. */
export interface WeightProposal {
  readonly baseline: number | null;
  readonly decided: number;
  readonly changes: readonly WeightChange[];
  readonly unchanged: readonly { readonly indicator: string; readonly reason: string }[];
}

/** A catalogue draft (GET /calibration/drafts). */
export interface CatalogueDraft {
  readonly id: string;
  readonly baseVersion: string;
  readonly version: string;
  readonly status: 'proposed' | 'approved' | 'rejected';
  readonly proposal: WeightProposal;
  readonly proposedBy: { readonly userId: string | null; readonly displayName: string | null };
  readonly proposedAt: string;
  readonly reviewedBy: {
    readonly userId: string | null;
    readonly displayName: string | null;
  } | null;
  readonly reviewedAt: string | null;
}
