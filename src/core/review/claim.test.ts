import { describe, expect, it } from 'vitest';
import { claimableBy, claimActive, claimExpiry, claimHolder, displayStatus } from './claim.ts';

const now = new Date('2026-03-01T12:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('claims', () => {
  it('lasts the configured minutes and lapses at its expiry instant', () => {
    const expires = claimExpiry(now, 15);
    expect(expires.toISOString()).toBe('2026-03-01T12:15:00.000Z');
    const claim = { claimedBy: 'u1', claimExpiresAt: expires };
    expect(claimActive(claim, at(14))).toBe(true);
    expect(claimActive(claim, at(15))).toBe(false);
    expect(claimActive({ claimedBy: null, claimExpiresAt: expires }, now)).toBe(false);
  });

  it('tells whose claim it is', () => {
    const claim = { claimedBy: 'u1', claimExpiresAt: at(10) };
    expect(claimHolder(claim, now, 'u1')).toBe('me');
    expect(claimHolder(claim, now, 'u2')).toBe('other');
    expect(claimHolder(claim, at(11), 'u2')).toBe('none');
  });

  it('shows an open item under a live claim as claimed, and others as stored', () => {
    const claim = { claimedBy: 'u1', claimExpiresAt: at(10) };
    expect(displayStatus('open', claim, now)).toBe('claimed');
    expect(displayStatus('open', claim, at(10))).toBe('open');
    expect(displayStatus('decided', claim, now)).toBe('decided');
    expect(displayStatus('awaiting_approval', claim, now)).toBe('awaiting_approval');
  });

  it('lets anyone claim a free or lapsed item, the holder renew, and no one else', () => {
    const claim = { claimedBy: 'u1', claimExpiresAt: at(10) };
    expect(claimableBy('open', claim, [], now, 'u1')).toBe('yes');
    expect(claimableBy('open', claim, [], now, 'u2')).toBe('held');
    expect(claimableBy('open', claim, [], at(20), 'u2')).toBe('yes');
    expect(claimableBy('open', claim, ['u2'], at(20), 'u2')).toBe('excluded');
    expect(claimableBy('decided', claim, [], at(20), 'u2')).toBe('closed');
  });
});
