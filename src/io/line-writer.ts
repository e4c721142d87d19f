import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Buffers lines in memory and writes them to a file in large chunks. */
export interface LineWriter {
  /** Buffers one line (a newline is added). */
  write(line: string): void;
  /** Writes what is buffered, waiting while the disk falls behind: call once per batch. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A line writer for a new file at `path` (truncated if it exists). */
export function openLineWriter(path: string): LineWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let buffer: string[] = [];
  let failed: Error | null = null;
  stream.on('error', (err) => {
    failed = err;
  });
  const flush = async () => {
    if (failed) throw failed;
    if (buffer.length === 0) return;
    buffer.push('');
    const chunk = buffer.join('\n');
    buffer = [];
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    write(line) {
      buffer.push(line);
    },
    flush,
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      if (failed) throw failed;
    },
  };
}
