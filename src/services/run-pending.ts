import { Worker } from 'node:worker_threads';
import { writePendingResults, type PendingJob } from './pending-results.ts';

/**
 * Runs pass one's screening in a worker thread (a second core) and resolves with the number of
 * adverts screened; errors in the worker reject. With `threads` false it runs in this thread.
 */
export function runPendingResults(job: PendingJob, threads: boolean): Promise<number> {
  if (!threads) return writePendingResults(job);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pending-worker.mjs', import.meta.url), {
      workerData: job,
    });
    let count: number | null = null;
    worker.on('message', (m: { count: number }) => {
      count = m.count;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (count !== null && code === 0) resolve(count);
      else if (code !== 0) reject(new Error(`the screening thread stopped with code ${code}`));
      else reject(new Error('the screening thread ended without a result'));
    });
  });
}
