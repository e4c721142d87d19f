import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../core/errors.ts';
import {
  csvRowToRecord,
  parseAdvertJsonLine,
  parseAdvertRecord,
  type ParseOptions,
  type ParsedAdvert,
} from '../core/advert/parse-advert.ts';

/** Input formats of the advert interchange format. */
export type InputFormat = 'jsonl' | 'csv';

/** One input line (JSON Lines) or row (CSV), parsed. */
export interface InputItem {
  /** 1-based line number in the file (for CSV, the line the row starts on). */
  readonly line: number;
  /** The raw line or row, kept so a rejected one can be fixed and sent again. */
  readonly raw: string;
  readonly parsed: ParsedAdvert;
}

/** Options for reading an advert file. */
export interface ReadOptions extends ParseOptions {
  readonly format?: InputFormat | undefined;
  /** Called with the bytes read so far, for progress. */
  readonly onBytes?: ((bytes: number) => void) | undefined;
}

/** The format a file name implies: `.csv` is CSV, anything else JSON Lines. */
export function formatOf(path: string): InputFormat {
  return path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
}

/** Size of a file in bytes, for progress bars. */
export async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('INVALID_INPUT', `${path} is not a file`);
    return s.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'NOT_FOUND',
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}

async function* jsonLines(path: string, options: ReadOptions): AsyncGenerator<InputItem[]> {
  // Bytes in, one line decoded at a time: decoding whole chunks into one string and splitting it
  // costs several times more, and lines that are plain ASCII stay one-byte strings this way.
  const stream = createReadStream(path, { highWaterMark: 1 << 18 });
  let carry: Buffer | null = null;
  let lineNo = 0;
  let bytes = 0;
  const parseLine = (batch: InputItem[], buf: Buffer, start: number, end: number) => {
    lineNo++;
    if (end > start && buf[end - 1] === CR) end--;
    const line = buf.toString('utf8', start, end);
    if (line.trim() === '') return;
    batch.push({ line: lineNo, raw: line, parsed: parseAdvertJsonLine(line, options) });
  };
  for await (const data of stream as AsyncIterable<Buffer>) {
    bytes += data.length;
    const chunk: Buffer = carry ? Buffer.concat([carry, data]) : data;
    const batch: InputItem[] = [];
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(LF, start)) !== -1) {
      parseLine(batch, chunk, start, nl);
      start = nl + 1;
    }
    carry = start < chunk.length ? chunk.subarray(start) : null;
    options.onBytes?.(bytes);
    if (batch.length > 0) yield batch;
  }
  if (carry) {
    const last: InputItem[] = [];
    parseLine(last, carry, 0, carry.length);
    if (last.length > 0) yield last;
  }
}

const LF = 0x0a;
const CR = 0x0d;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)*/;
const TRAILING_BREAKS = /(?:\r\n|\r|\n)+$/;
const countBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

async function* csvRows(path: string, options: ReadOptions): AsyncGenerator<InputItem[]> {
  const source = createReadStream(path);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = source.pipe(
    parseCsv({
      columns: true,
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  // csv-parse's own line counter miscounts CRLF inside quotes, so count line breaks in the raw
  // text ourselves (assuming a one-line header row).
  let linesBefore = 1;
  let lastLine = 1;
  try {
    for await (const rec of parser as AsyncIterable<{
      record: Record<string, string>;
      raw: string;
    }>) {
      const leading = LEADING_BREAKS.exec(rec.raw)![0];
      const line = linesBefore + countBreaks(leading) + 1;
      linesBefore += countBreaks(rec.raw);
      lastLine = line;
      yield [
        {
          line,
          raw: rec.raw.slice(leading.length).replace(TRAILING_BREAKS, ''),
          parsed: parseAdvertRecord(csvRowToRecord(rec.record), options),
        },
      ];
      options.onBytes?.(bytes);
    }
  } catch (err) {
    // A malformed CSV (e.g. an unclosed quote) cannot be resynchronised: report where it broke.
    const e = err as Error & { lines?: number };
    yield [
      {
        line: e.lines ?? lastLine + 1,
        raw: '',
        parsed: {
          ok: false,
          errors: [{ field: '', message: `CSV could not be read past this line: ${e.message}` }],
        },
      },
    ];
  }
}

/** Streams the adverts of a JSON Lines or CSV file in batches of parsed lines, in file order. */
export function readAdvertFile(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<InputItem[]> {
  return (options.format ?? formatOf(path)) === 'csv'
    ? csvRows(path, options)
    : jsonLines(path, options);
}
