import type { z } from 'zod';
import { advertSchema, type Advert } from './advert-schema.ts';

/** One problem with one field of an input record. */
export interface FieldError {
  /** Dotted path of the field, e.g. "age" or "images[2].pdq"; "" for the record as a whole. */
  readonly field: string;
  readonly message: string;
}

/** The outcome of parsing one input record. */
export type ParsedAdvert =
  | { readonly ok: true; readonly advert: Advert }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Options applied to every record. */
export interface ParseOptions {
  /** Site used when a record has none (a CLI flag or the API key's site). */
  readonly defaultSite?: string | undefined;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: pathOf(issue.path), message: issue.message }));
}

/** Validates a decoded record against format v1, keeping unknown fields. */
export function parseAdvertRecord(record: unknown, options: ParseOptions = {}): ParsedAdvert {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, errors: [{ field: '', message: 'expected a JSON object' }] };
  }
  const withSite =
    options.defaultSite !== undefined && (record as { site?: unknown }).site === undefined
      ? { ...record, site: options.defaultSite }
      : record;
  const result = advertSchema.safeParse(withSite);
  return result.success
    ? { ok: true, advert: result.data }
    : { ok: false, errors: fieldErrors(result.error) };
}

/** Parses one JSON Lines line (already split) into an advert or field errors. */
export function parseAdvertJsonLine(line: string, options: ParseOptions = {}): ParsedAdvert {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    return {
      ok: false,
      errors: [{ field: '', message: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  return parseAdvertRecord(record, options);
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
const splitList = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function csvBoolean(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return cell; // left as a string so validation names the field
}

/**
 * Turns a CSV row (column name → cell) into a format v1 record: list fields split on `;`,
 * `age` as a number, `verified.age`/`verified.identity` columns as booleans, empty cells absent.
 * Images are PDQ hashes when they are 64 hex digits, file paths otherwise.
 */
export function csvRowToRecord(row: Readonly<Record<string, string>>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const verified: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === undefined || cell.trim() === '') continue;
    switch (column) {
      case 'phones':
      case 'emails':
        record[column] = splitList(cell);
        break;
      case 'images':
        record.images = splitList(cell).map((s) => (HEX64.test(s) ? { pdq: s } : { path: s }));
        break;
      case 'age': {
        const n = Number(cell.trim());
        record.age = Number.isFinite(n) && cell.trim() !== '' ? n : cell;
        break;
      }
      case 'verified.age':
      case 'verified.identity':
        verified[column.slice('verified.'.length)] = csvBoolean(cell);
        break;
      case 'verified':
        try {
          Object.assign(verified, JSON.parse(cell));
        } catch {
          record.verified = cell; // validation reports it
        }
        break;
      case 'payerId':
        record.payerId = cell;
        break;
      default:
        record[column] = cell;
    }
  }
  if (Object.keys(verified).length > 0 && record.verified === undefined) record.verified = verified;
  return record;
}
