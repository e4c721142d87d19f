import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Writes lines to a file in large batches, waiting when the disk falls behind. */
export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

const BATCH_CHARS = 1 << 18;

/** A line writer for a new file at `path` (truncated if it exists). */
export function openLineWriter(path: string): LineWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let buffer: string[] = [];
  let size = 0;
  let failed: Error | null = null;
  stream.on('error', (err) => {
    failed = err;
  });
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async write(line) {
      if (failed) throw failed;
      buffer.push(line, '\n');
      size += line.length + 1;
      if (size >= BATCH_CHARS) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      if (failed) throw failed;
    },
  };
}
