// Many rows in one statement, sent as one JSON parameter and unpacked by jsonb_to_recordset.
//
// Drizzle's multi-row `insert(...).values(rows)` builds one bound parameter per value, which for
// thousands of rows costs more time in query building than the database spends storing them; one
// JSON document costs one parameter whatever the row count, and PostgreSQL (and PGlite) casts each
// field to its column's type.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './open-store.ts';
import { queryRows } from './open-store.ts';

/** What happens when a row's key is taken: keep the stored row, or take the named columns. */
export type OnConflict<T extends PgTable> =
  | { readonly doNothing: true }
  | {
      readonly target: readonly (keyof T['_']['columns'] & string)[];
      readonly update: readonly (keyof T['_']['columns'] & string)[];
    };

/** Rows per statement: keeps each JSON parameter to a few megabytes. */
const CHUNK = 5_000;

/**
 * Inserts `rows` into `table` in statements of up to 5,000 rows; every row must set the same
 * columns (the first row's). Dates go as ISO strings, JSON columns as nested JSON. Resolves with
 * how many rows were written (conflicting rows left alone are not counted).
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  onConflict?: OnConflict<T>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => columns[k] !== undefined);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.raw(names.map(quote).join(', '));
  const types = sql.raw(
    keys.map((k) => `${quote(columns[k]!.name)} ${columns[k]!.getSQLType()}`).join(', '),
  );
  const conflict = conflictClause(columns, onConflict);
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const doc = rows.slice(i, i + CHUNK).map((row) => {
      const out: Record<string, unknown> = {};
      const record = row as Record<string, unknown>;
      keys.forEach((k, j) => {
        const value = record[k];
        out[names[j]!] = value instanceof Date ? value.toISOString() : value;
      });
      return out;
    });
    const inserted = await queryRows<{ n: number }>(
      db,
      sql`with written as (
            insert into ${sql.identifier(getTableName(table))} (${list})
            select ${list} from jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as x(${types})
            ${conflict}
            returning 1
          ) select count(*)::int as n from written`,
    );
    written += inserted[0]?.n ?? 0;
  }
  return written;
}

function conflictClause<T extends PgTable>(
  columns: Record<string, { name: string }>,
  onConflict: OnConflict<T> | undefined,
): SQL {
  if (onConflict === undefined) return sql``;
  if ('doNothing' in onConflict) return sql`on conflict do nothing`;
  const target = onConflict.target.map((k) => quote(columns[k]!.name)).join(', ');
  const set = onConflict.update
    .map((k) => `${quote(columns[k]!.name)} = excluded.${quote(columns[k]!.name)}`)
    .join(', ');
  return sql.raw(`on conflict (${target}) do update set ${set}`);
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
