import { parseAdvertRecord } from '../advert/parse-advert.ts';
import { advertFeatures, type AdvertFeatures } from '../model/features.ts';
import { linkSlots, memberOf } from '../linkage/member.ts';
import { linkTexts } from '../linkage/text-template.ts';
import type { Catalogue } from './catalogue-schema.ts';
import type { CompiledCatalogue } from './compile-catalogue.ts';

/** An example of the catalogue that did not behave as its entry says. */
export interface ExampleFailure {
  readonly indicator: string;
  readonly kind: 'positive' | 'negative';
  readonly index: number;
  readonly message: string;
}

function toFeatures(example: object, index: number): AdvertFeatures | string {
  const parsed = parseAdvertRecord({ id: `example-${index}`, ...example });
  if (!parsed.ok) return parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return advertFeatures(parsed.advert);
}

/** The text links among an example's adverts, as linkage would find them. */
function exampleLinks(features: readonly AdvertFeatures[]) {
  const links = linkTexts(
    features.map((f) => ({
      id: f.advert.id,
      text: f.text,
      slots: linkSlots(f),
    })),
  );
  return { text: links.map((l) => [l.a, l.b] as const) };
}

/** Runs every positive and negative example of every indicator; returns what failed. */
export function runCatalogueExamples(
  catalogue: Catalogue,
  compiled: CompiledCatalogue,
): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const spec of catalogue.indicators) {
    const advertDetector = compiled.advertDetectors.find((d) => d.id === spec.id);
    const groupDetector = compiled.groupDetectors.find((d) => d.id === spec.id);
    for (const kind of ['positive', 'negative'] as const) {
      spec.examples[kind].forEach((example, index) => {
        const items = Array.isArray(example) ? example : [example];
        const features: AdvertFeatures[] = [];
        for (const [i, item] of items.entries()) {
          const f = toFeatures(item, i);
          if (typeof f === 'string') {
            failures.push({ indicator: spec.id, kind, index, message: `invalid example: ${f}` });
            return;
          }
          features.push(f);
        }
        const fired = advertDetector
          ? advertDetector.detect(features[0]!) !== null
          : (groupDetector?.detect(features.map(memberOf), exampleLinks(features)).length ?? 0) > 0;
        if (fired !== (kind === 'positive')) {
          failures.push({
            indicator: spec.id,
            kind,
            index,
            message:
              kind === 'positive'
                ? `positive example ${index + 1} did not fire: ${JSON.stringify(example)}`
                : `negative example ${index + 1} fired: ${JSON.stringify(example)}`,
          });
        }
      });
    }
  }
  return failures;
}
