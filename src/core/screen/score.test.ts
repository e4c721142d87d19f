import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreReasons, isIndependentEvidence } from './score.ts';
import { FAMILIES, type Family, type Reason } from '../model/result.ts';

const levels = { low: 1, medium: 4, high: 7 };
const reason = (indicator: string, family: Family, weight: number): Reason => ({
  indicator,
  family,
  weight,
  evidence: [],
});
const biased = new Set(['text.ethnicity']);
const traits = (id: string) => ({ biasRisk: biased.has(id) });

describe('scoreReasons', () => {
  it('sums contributions and maps them to levels', () => {
    expect(scoreReasons([], levels, traits)).toEqual({ score: 0, level: 'none', capped: false });
    expect(scoreReasons([reason('a', 'text', 1.5)], levels, traits).level).toBe('low');
    const two = [reason('a', 'text', 2), reason('b', 'account', 2.5)];
    expect(scoreReasons(two, levels, traits)).toEqual({
      score: 4.5,
      level: 'medium',
      capped: false,
    });
    const three = [...two, reason('c', 'image', 3)];
    expect(scoreReasons(three, levels, traits).level).toBe('high');
  });

  it('keeps a single indicator at low however heavy it is', () => {
    expect(scoreReasons([reason('a', 'text', 9)], levels, traits)).toEqual({
      score: 9,
      level: 'low',
      capped: true,
    });
  });

  it('needs two families unless a network indicator fires', () => {
    const sameFamily = [reason('a', 'text', 3), reason('b', 'text', 3)];
    expect(scoreReasons(sameFamily, levels, traits).level).toBe('low');
    const withNetwork = [reason('a', 'text', 2), reason('n', 'network', 3)];
    expect(scoreReasons(withNetwork, levels, traits).level).toBe('medium');
  });

  it('never lets a nationality or ethnicity indicator count as independent evidence', () => {
    const r = [reason('text.ethnicity', 'text', 4), reason('b', 'account', 4)];
    expect(scoreReasons(r, levels, traits)).toMatchObject({ score: 8, level: 'low', capped: true });
  });

  it('shows bias-risk contributions in the score but never lets them decide the level', () => {
    const r = [
      reason('a', 'text', 2),
      reason('b', 'account', 1.5),
      reason('text.ethnicity', 'text', 1),
    ];
    expect(scoreReasons(r, levels, traits)).toEqual({ score: 4.5, level: 'low', capped: false });
    const alone = [reason('text.ethnicity', 'text', 1.5)];
    expect(scoreReasons(alone, levels, traits).level).toBe('none');
  });

  it('lets counter-indicators lower the score', () => {
    const r = [reason('a', 'text', 2), reason('b', 'account', 2.5), reason('c', 'text', -1)];
    expect(scoreReasons(r, levels, traits)).toMatchObject({ score: 3.5, level: 'low' });
  });

  it('never rises above low on fewer than two independent positive indicators (property)', () => {
    const arbReason = fc.record({
      indicator: fc.constantFrom('text.ethnicity', 'a', 'b', 'c', 'd'),
      family: fc.constantFrom(...FAMILIES),
      weight: fc.double({ min: -3, max: 10, noNaN: true }),
      evidence: fc.constant([]),
    });
    fc.assert(
      fc.property(fc.array(arbReason, { maxLength: 8 }), (reasons) => {
        const { level, score } = scoreReasons(reasons, levels, traits);
        const sum = reasons.reduce((s, r) => s + r.weight, 0);
        expect(Math.abs(score - sum)).toBeLessThan(0.01);
        if (!isIndependentEvidence(reasons, traits)) expect(['none', 'low']).toContain(level);
      }),
    );
  });
});
