// Calibration of one site's screening against its moderators' decisions: each indicator's
// measured precision and the false-positive rate by stated nationality and by language
// (core/calibration). Each advert counts once, by its latest decision that took effect (final,
// or approved by a second reviewer); pending and rejected decisions and appeals do not count.
import { sql } from 'drizzle-orm';
import type { Advert } from '../../core/advert/advert-schema.ts';
import type {
  FairnessReport,
  IndicatorPrecision,
  ReviewedAdvert,
} from '../../core/calibration/calibrate.ts';
import {
  falsePositiveRates,
  indicatorPrecision,
  verdictOf,
} from '../../core/calibration/calibrate.ts';
import type { CompiledCatalogue } from '../../core/catalogue/compile-catalogue.ts';
import { detectLanguage } from '../../core/extract/language.ts';
import { statedNationality } from '../../core/extract/nationality.ts';
import { queryRows } from '../../store/open-store.ts';
import type { ServiceContext } from '../context.ts';

/** Decided adverts read per query. */
const PAGE = 2_000;

export interface CalibrationReport {
  readonly catalogueVersion: string;
  /** Adverts with a decision that took effect. */
  readonly reviewed: number;
  /** Of those, decided one way or the other (not inconclusive). */
  readonly decided: number;
  readonly confirmed: number;
  readonly indicators: readonly (IndicatorPrecision & {
    readonly family: string;
    readonly name: string;
  })[];
  readonly fairness: { readonly nationality: FairnessReport; readonly language: FairnessReport };
}

interface Row {
  advert_id: number;
  outcome: string;
  reasons: { indicator: string }[] | null;
  content: Advert;
}

/** Reads every decided advert of the site and computes its calibration figures. */
export async function calibrationReport(
  ctx: ServiceContext,
  orgId: string,
  catalogue: CompiledCatalogue,
): Promise<CalibrationReport> {
  const reviewed = await reviewedAdverts(ctx, orgId);
  let decided = 0;
  let confirmed = 0;
  for (const r of reviewed) {
    const v = verdictOf(r.outcome);
    if (v !== 'inconclusive') decided += 1;
    if (v === 'confirmed') confirmed += 1;
  }
  const known = [...catalogue.byId.keys()];
  const meta = catalogue.byId;
  return {
    catalogueVersion: catalogue.version,
    reviewed: reviewed.length,
    decided,
    confirmed,
    indicators: indicatorPrecision(reviewed, known).map((p) => ({
      ...p,
      family: meta.get(p.indicator)?.family ?? 'unknown',
      name: meta.get(p.indicator)?.name ?? p.indicator,
    })),
    fairness: {
      nationality: falsePositiveRates(reviewed, 'nationality'),
      language: falsePositiveRates(reviewed, 'language'),
    },
  };
}

/** The site's adverts with a decision that took effect, each with its latest such decision. */
export async function reviewedAdverts(
  ctx: ServiceContext,
  orgId: string,
): Promise<ReviewedAdvert[]> {
  const out: ReviewedAdvert[] = [];
  let after = 0;
  for (;;) {
    const rows = await queryRows<Row>(
      ctx.db,
      sql`select d.advert_id, d.outcome, r.reasons, v.content
          from (
            select distinct on (i.advert_id) i.advert_id, d.outcome
            from decisions d join review_items i on i.id = d.review_item_id
            where d.org_id = ${orgId} and i.kind = 'advert' and i.advert_id > ${after}
              and d.status in ('final', 'approved')
            order by i.advert_id, d.created_at desc, d.id desc
          ) d
          join adverts a on a.id = d.advert_id
          join advert_versions v on v.advert_id = a.id and v.version = a.current_version
          left join results r on r.advert_id = a.id
          order by d.advert_id
          limit ${PAGE}`,
    );
    for (const row of rows) {
      const text = [row.content.title ?? '', row.content.text ?? ''].join('\n');
      const language = detectLanguage(text).code;
      out.push({
        outcome: row.outcome,
        indicators: [...new Set((row.reasons ?? []).map((x) => x.indicator))],
        nationality: statedNationality(text),
        language: language === 'und' ? null : language,
      });
      after = Number(row.advert_id);
    }
    if (rows.length < PAGE) return out;
  }
}
