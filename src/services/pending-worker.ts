// Worker thread body: pass one's screening, beside the main thread's linking.
import { parentPort, workerData } from 'node:worker_threads';
import { writePendingResults, type PendingJob } from './pending-results.ts';

const count = await writePendingResults(workerData as PendingJob);
parentPort?.postMessage({ count });
