import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHashInput, canonicalJson, GENESIS_HASH } from './audit-event.ts';

/** Equality of JSON values: same keys regardless of order, numbers compared as JSON writes them. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(rb, k) && jsonEqual((a as Record<string, unknown>)[k], rb[k]))
  );
}

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reverseKeys);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).reverse()) {
    Object.defineProperty(out, k, { value: reverseKeys(v), enumerable: true, writable: true });
  }
  return out;
}

// -0 and 0 are one JSON number; keep the generator to values JSON can tell apart.
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('canonicalJson', () => {
  it('ignores key order at every depth', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(reverseKeys(v))).toBe(canonicalJson(v));
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}',
    );
  });

  it('parses back to an equal value', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(jsonEqual(JSON.parse(canonicalJson(v)), v)).toBe(true);
      }),
    );
  });

  it('gives distinct text to distinct values, and equal text only to equal values', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(canonicalJson(a) === canonicalJson(b)).toBe(jsonEqual(a, b));
      }),
    );
    // Near misses a careless encoder would merge.
    const near: unknown[] = [null, 0, '0', false, '', [], {}, [null], { a: null }, ['a'], 'a'];
    expect(new Set(near.map(canonicalJson)).size).toBe(near.length);
  });

  it('hashes what the store keeps: toJSON applied, undefined dropped, NaN as null', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(canonicalJson({ at, gone: undefined, n: NaN, list: [undefined] })).toBe(
      '{"at":"2026-01-02T03:04:05.678Z","list":[null],"n":null}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('auditHashInput', () => {
  const base = {
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    prevHash: GENESIS_HASH,
    action: 'auth.sign_in',
  };

  it('treats a missing field and a null one alike', () => {
    expect(auditHashInput(base)).toBe(
      auditHashInput({ ...base, orgId: null, reason: null, detail: null }),
    );
  });

  it('covers every field', () => {
    const changed = [
      { ...base, seq: 2 },
      { ...base, at: '2026-01-01T00:00:00.001Z' },
      { ...base, prevHash: 'f'.repeat(64) },
      { ...base, action: 'auth.sign_out' },
      { ...base, orgId: 'o' },
      { ...base, actorUserId: 'u' },
      { ...base, actorApiKeyId: 'k' },
      { ...base, targetType: 't' },
      { ...base, targetId: 'i' },
      { ...base, reason: 'r' },
      { ...base, detail: {} },
    ];
    const texts = new Set([base, ...changed].map(auditHashInput));
    expect(texts.size).toBe(changed.length + 1);
  });
});
