import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdvertResult } from '../core/model/result.ts';
import type { NetworkRecord } from '../core/screen/screen-network.ts';
import { loadLinkageIndex } from '../io/linkage-snapshot.ts';
import { analyseFile } from './analyse-file.ts';
import { evaluateResults } from './evaluate-results.ts';
import { DEMO_DEFAULTS, writeDemoCorpus } from './write-demo-corpus.ts';

const readJsonl = async <T>(path: string): Promise<T[]> =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

describe('analyseFile', () => {
  it('screens, links and scores a demo corpus; networks explain themselves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-analyse-'));
    const corpus = await writeDemoCorpus({
      ...DEMO_DEFAULTS,
      adverts: 3000,
      seed: 11,
      outDir: join(dir, 'corpus'),
    });
    const out = join(dir, 'out');
    const stages = new Set<string>();
    const outcome = await analyseFile({
      input: corpus.adverts,
      outDir: out,
      saveIndex: join(out, 'index.bin'),
      onProgress: (stage) => stages.add(stage),
    });
    expect([...stages]).toEqual(['screen-and-link', 'score-networks', 'write']);
    expect((await readdir(out)).sort()).toEqual([
      'adverts.jsonl',
      'index.bin',
      'networks.jsonl',
      'rejected.jsonl',
      'summary.json',
    ]);

    const adverts = await readJsonl<AdvertResult>(outcome.files.adverts);
    const networks = await readJsonl<NetworkRecord>(outcome.files.networks);
    expect(adverts).toHaveLength(3000);
    expect(networks).toHaveLength(outcome.summary.networks.networks);
    // Every networked advert names its network, and the network lists it.
    const byId = new Map(networks.map((n) => [n.id, n]));
    for (const a of adverts.filter((x) => x.networkId !== null)) {
      expect(byId.get(a.networkId!)?.adverts).toContain(a.id);
    }
    // A network's reasons appear on its adverts, which may then reach medium on them alone.
    const flagged = networks.find((n) => n.reasons.some((r) => r.family === 'network' && r.weight > 0));
    expect(flagged).toBeDefined();
    const member = adverts.find((a) => a.id === flagged!.adverts[0]);
    expect(member!.reasons.some((r) => r.family === 'network')).toBe(true);
    // Every edge has a reason in words.
    for (const n of networks) for (const e of n.edges) expect(e.detail).not.toBe('');

    // The demo corpus's ground truth: the networks match the controllers closely.
    const report = await evaluateResults({ truthPath: corpus.truth, resultsDir: out });
    expect(report.metrics.networks.f1).toBeGreaterThan(0.9);

    // The saved index holds every advert and gives the same networks.
    const index = await loadLinkageIndex(join(out, 'index.bin'));
    expect(index.count).toBe(3000);
    expect(index.networks().map((n) => n.id)).toEqual(networks.map((n) => n.id));
  }, 60_000);
});
