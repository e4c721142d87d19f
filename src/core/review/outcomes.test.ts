import { describe, expect, it } from 'vitest';
import {
  decisionProblems,
  isOutcome,
  needsApproval,
  OUTCOME_RULES,
  OUTCOMES,
  reasonLabel,
  recipientOf,
} from './outcomes.ts';

describe('outcome rules', () => {
  it('has one rule per outcome, in order, each with distinct reason codes', () => {
    expect(OUTCOME_RULES.map((r) => r.outcome)).toEqual([...OUTCOMES]);
    for (const rule of OUTCOME_RULES) {
      const codes = rule.reasonCodes.map((r) => r.code);
      expect(codes.length, rule.outcome).toBeGreaterThan(1);
      expect(new Set(codes).size, rule.outcome).toBe(codes.length);
      for (const c of codes) expect(c).toMatch(/^[a-z0-9_]+$/);
    }
  });

  it('asks a second pair of eyes for suspensions and referrals only', () => {
    expect(OUTCOMES.filter(needsApproval)).toEqual(['suspend', 'refer_police', 'refer_ngo']);
    expect(recipientOf('refer_police')).toBe('police');
    expect(recipientOf('refer_ngo')).toBe('ngo');
    expect(OUTCOMES.filter((o) => recipientOf(o) !== null)).toEqual(['refer_police', 'refer_ngo']);
  });

  it('offers the no-concern reasons that protect consenting advertisers', () => {
    expect(reasonLabel('no_concern', 'consenting_independent')).toBe(
      'Consenting, independent advertiser',
    );
    expect(reasonLabel('no_concern', 'false_positive_language')).not.toBeNull();
    expect(reasonLabel('no_concern', 'immediate_risk')).toBeNull();
    expect(isOutcome('no_concern')).toBe(true);
    expect(isOutcome('ban')).toBe(false);
  });
});

describe('decisionProblems', () => {
  it('accepts a well-formed decision', () => {
    expect(
      decisionProblems('advert', { outcome: 'no_concern', reasonCode: 'insufficient_evidence' }),
    ).toEqual([]);
    expect(
      decisionProblems('advert', {
        outcome: 'refer_police',
        reasonCode: 'immediate_risk',
        toOrgId: 'x',
      }),
    ).toEqual([]);
    expect(
      decisionProblems('appeal', { outcome: 'appeal_upheld', reasonCode: 'decision_correct' }),
    ).toEqual([]);
  });

  it('refuses a reason code of another outcome, and says which ones fit', () => {
    const [problem] = decisionProblems('advert', {
      outcome: 'no_concern',
      reasonCode: 'immediate_risk',
    });
    expect(problem).toContain('consenting_independent');
  });

  it('needs a recipient for referrals and refuses one elsewhere', () => {
    expect(
      decisionProblems('advert', { outcome: 'refer_ngo', reasonCode: 'support_needed' }),
    ).toHaveLength(1);
    expect(
      decisionProblems('advert', { outcome: 'suspend', reasonCode: 'terms_breach', toOrgId: 'x' }),
    ).toHaveLength(1);
  });

  it('keeps appeal outcomes to appeal items and the rest to advert items', () => {
    expect(
      decisionProblems('advert', { outcome: 'appeal_overturned', reasonCode: 'new_information' }),
    ).toHaveLength(1);
    expect(
      decisionProblems('appeal', { outcome: 'no_concern', reasonCode: 'insufficient_evidence' }),
    ).toHaveLength(1);
  });
});
