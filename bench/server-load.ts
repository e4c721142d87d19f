// Load generator for bench/server.ts, run in a child process so that it does not share the
// server's event loop: posts prepared batches of adverts to POST /api/v1/adverts over keep-alive
// connections, `concurrency` requests in flight, optionally paced to a rate, and prints each
// batch's send and acknowledgement times (epoch milliseconds, comparable across processes).
import { readFile } from 'node:fs/promises';

/** One batch as the load generator saw it. */
export interface BatchTiming {
  readonly jobId: number | null;
  readonly created: number;
  /** When the request was started and when its response had been read. */
  readonly sent: number;
  readonly ack: number;
}

export interface LoadFigures {
  readonly batches: BatchTiming[];
  readonly failures: string[];
}

const [url, key, bodiesPath, concurrencyArg, rateArg] = process.argv.slice(2);
if (!url || !key || !bodiesPath || !concurrencyArg) {
  throw new Error('usage: server-load.ts <url> <api key> <bodies.jsonl> <concurrency> [adverts/s]');
}
const concurrency = Number(concurrencyArg);
const rate = rateArg !== undefined ? Number(rateArg) : 0;

// One request body (a JSON array of adverts) per line, with its advert count in front.
const bodies = (await readFile(bodiesPath, 'utf8'))
  .split('\n')
  .filter((l) => l !== '')
  .map((line) => {
    const tab = line.indexOf('\t');
    return { count: Number(line.slice(0, tab)), body: line.slice(tab + 1) };
  });
// Batch i is due once the adverts before it are due at `rate` per second.
const due: number[] = [];
let before = 0;
for (const b of bodies) {
  due.push(rate > 0 ? (before / rate) * 1000 : 0);
  before += b.count;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const batches: BatchTiming[] = [];
const failures: string[] = [];
let next = 0;
const start = performance.now();

async function loop(): Promise<void> {
  for (let i = next++; i < bodies.length; i = next++) {
    const wait = start + due[i]! - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = now();
    const res = await fetch(`${url}/api/v1/adverts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: bodies[i]!.body,
    });
    const text = await res.text();
    const ack = now();
    if (res.status !== 202) {
      failures.push(`batch ${i}: HTTP ${res.status} ${text.slice(0, 200)}`);
      continue;
    }
    const outcome = JSON.parse(text) as { created: number; screeningJobId: number | null };
    batches.push({ jobId: outcome.screeningJobId, created: outcome.created, sent, ack });
  }
}

await Promise.all(Array.from({ length: concurrency }, loop));
const figures: LoadFigures = { batches, failures };
process.stdout.write(`${JSON.stringify(figures)}\n`);
