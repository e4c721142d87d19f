import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdvertResult } from '../core/model/result.ts';
import type { NetworkRecord } from '../core/screen/screen-network.ts';
import { loadLinkageIndex } from '../io/linkage-snapshot.ts';
import { parseAdvertJsonLine } from '../core/advert/parse-advert.ts';
import { IncrementalScreener } from '../core/screen/incremental.ts';
import { screenNetwork } from '../core/screen/screen-network.ts';
import { analyseFile } from './analyse-file.ts';
import { loadCompiledCatalogue } from './screen-file.ts';
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
    const flagged = networks.find((n) =>
      n.reasons.some((r) => r.family === 'network' && r.weight > 0),
    );
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

    // Contract: the same adverts one at a time end with the same networks, scored the same.
    const { compiled } = await loadCompiledCatalogue();
    const screener = new IncrementalScreener(compiled);
    for (const line of (await readFile(corpus.adverts, 'utf8')).split('\n')) {
      if (line === '') continue;
      const p = parseAdvertJsonLine(line, {});
      if (p.ok) screener.add(p.advert);
    }
    const incremental = screener.index
      .networks()
      .map((n) => screenNetwork(n, screener.index, compiled).record);
    const shape = (r: NetworkRecord) => [r.id, r.adverts, r.level, r.score, r.edges.length];
    expect(incremental.map(shape)).toEqual(networks.map(shape));
  }, 60_000);
});

describe('analyseFile with images given by path', () => {
  it('hashes them (relative to the input file), links on them and counts the unreadable', async () => {
    const sharp = (await import('sharp')).default;
    const dir = await mkdtemp(join(tmpdir(), 'beacon-analyse-img-'));
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'img'));
    // Two different noise photos, each saved as PNG and as a re-encoded JPEG.
    for (const k of [1, 2]) {
      const pixels = Buffer.alloc(64 * 64 * 3);
      for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 * k + ((i * k) >> 5)) % 251;
      const raw = sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).resize(256, 256);
      await raw
        .clone()
        .png()
        .toFile(join(dir, 'img', `p${k}.png`));
      await raw
        .clone()
        .jpeg({ quality: 70 })
        .toFile(join(dir, 'img', `p${k}.jpg`));
    }
    const adverts = [
      { id: 'a1', accountId: 'x', images: [{ path: 'img/p1.png' }, { path: 'img/p2.png' }] },
      { id: 'a2', accountId: 'y', images: [{ path: 'img/p1.jpg' }, { path: 'img/p2.jpg' }] },
      { id: 'a3', accountId: 'z', images: [{ path: 'img/missing.png' }] },
    ];
    const input = join(dir, 'adverts.jsonl');
    await writeFile(input, adverts.map((a) => JSON.stringify(a)).join('\n'));
    const outcome = await analyseFile({ input, outDir: join(dir, 'out') });
    expect(outcome.summary.imageFiles).toEqual({ hashed: 4, unreadable: 1, lowQuality: 0 });
    const results = await readJsonl<AdvertResult>(outcome.files.adverts);
    expect(results.map((r) => r.networkId)).toEqual(['net-a1', 'net-a1', null]);
    const [network] = await readJsonl<NetworkRecord>(outcome.files.networks);
    expect(network!.edges.map((e) => e.type)).toEqual(['image', 'image']);
  }, 30_000);
});
