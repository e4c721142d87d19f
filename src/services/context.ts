// What every store-backed service receives: the database and the clock. Tests pass their own.
import type { Db } from '../store/open-store.ts';

/** The time source; services never call Date.now() themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The IO a service may use. */
export interface ServiceContext {
  readonly db: Db;
  readonly clock: Clock;
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-01-01T00:00:00Z')): Clock & {
  advance(ms: number): void;
} {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}
