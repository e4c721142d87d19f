import type { AnalyseStage } from '../services/analyse-file.ts';
import cliProgress from 'cli-progress';

/** A progress display: a bar on a terminal, nothing when output is piped or in CI. */
export interface Progress {
  update(value: number): void;
  stop(): void;
}

/** Starts a progress bar on stderr when it is a terminal. */
export function startProgress(label: string, total: number, unit = 'adverts'): Progress {
  if (!process.stderr.isTTY || process.env.CI) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (value) => bar.update(Math.min(value, total)),
    stop: () => bar.stop(),
  };
}

const STAGES: Record<AnalyseStage, { label: string; unit: string }> = {
  'screen-and-link': { label: 'Screening and linking', unit: 'bytes' },
  'score-networks': { label: 'Scoring networks', unit: 'networks' },
  write: { label: 'Writing results', unit: 'adverts' },
};

/** A progress bar per stage of an analysis. */
export function analyseProgress(): {
  onProgress: (stage: AnalyseStage, done: number, total: number) => void;
  stop: () => void;
} {
  let stage: AnalyseStage | null = null;
  let progress: Progress | null = null;
  return {
    onProgress: (s, done, total) => {
      if (s !== stage) {
        progress?.stop();
        stage = s;
        progress = startProgress(STAGES[s].label, total, STAGES[s].unit);
      }
      progress?.update(done);
    },
    stop: () => progress?.stop(),
  };
}
