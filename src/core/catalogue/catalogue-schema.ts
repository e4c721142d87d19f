import { z } from 'zod';
import { FAMILIES } from '../model/result.ts';

/** Evidence grades of EVIDENCE.md. */
export const GRADES = ['tested', 'expert', 'counter-indicator', 'not-predictive'] as const;
export type Grade = (typeof GRADES)[number];

/** Built-in checks on one advert's fields and extractions. */
export const ADVERT_CHECKS = [
  'obscured-phone',
  'obscured-email',
  'verification-missing',
  'several-phones',
  'stated-age-below',
] as const;
export type AdvertCheck = (typeof ADVERT_CHECKS)[number];

/** Built-in checks over a group of adverts (an account, a payer, a network). */
export const GROUP_CHECKS = [
  'account-many-phones',
  'account-many-personas',
  'payer-many-accounts',
  'accounts-share-contact',
  'contact-many-personas',
  'image-many-personas',
  'image-many-accounts',
  'persona-circuit',
  'template-many-personas',
  'solo-touring',
] as const;
export type GroupCheck = (typeof GROUP_CHECKS)[number];

const exampleAdvert = z.looseObject({}).describe('A partial advert in format v1; `id` defaults');

const detectSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('phrases'),
    /** Regular expressions (JavaScript syntax), matched case-insensitively against title and text. */
    patterns: z.array(z.string().min(1)).min(1),
    /** Patterns whose matches cancel an overlapping positive match (e.g. "not new to this"). */
    unless: z.array(z.string().min(1)).optional(),
  }),
  z.strictObject({
    type: z.literal('advert'),
    check: z.enum(ADVERT_CHECKS),
    params: z.record(z.string(), z.number()).optional(),
  }),
  z.strictObject({
    type: z.literal('group'),
    check: z.enum(GROUP_CHECKS),
    params: z.record(z.string(), z.number()).optional(),
  }),
]);
export type DetectSpec = z.infer<typeof detectSchema>;

const examplesSchema = z.strictObject({
  /** Each example: one advert (phrases/advert checks) or a list of adverts (group checks). */
  positive: z.array(z.union([exampleAdvert, z.array(exampleAdvert).min(1)])).min(1),
  negative: z.array(z.union([exampleAdvert, z.array(exampleAdvert).min(1)])).min(1),
});

export const indicatorSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'must look like family.kebab-name'),
    family: z.enum(FAMILIES),
    name: z.string().min(3),
    description: z.string().min(10),
    why: z.string().min(10),
    source: z.string().min(10),
    grade: z.enum(GRADES),
    weight: z.number().min(-10).max(10),
    /** Bias risk (nationality, ethnicity, language): never counts as independent evidence. */
    biasRisk: z.boolean().default(false),
    detect: detectSchema,
    examples: examplesSchema,
  })
  .superRefine((ind, ctx) => {
    if (!ind.id.startsWith(`${ind.family}.`)) {
      ctx.addIssue({ code: 'custom', message: `id must start with its family "${ind.family}."` });
    }
    if (ind.grade === 'counter-indicator' && ind.weight >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['weight'],
        message: 'a counter-indicator carries a negative weight',
      });
    }
    if (ind.grade === 'not-predictive' && ind.weight !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['weight'],
        message: 'an indicator graded not-predictive has weight 0',
      });
    }
    if ((ind.grade === 'tested' || ind.grade === 'expert') && ind.weight <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['weight'],
        message: 'a tested or expert indicator carries a positive weight',
      });
    }
    const groupExample = ind.detect.type === 'group';
    for (const [kind, list] of Object.entries(ind.examples)) {
      list.forEach((ex, i) => {
        if (Array.isArray(ex) !== groupExample) {
          ctx.addIssue({
            code: 'custom',
            path: ['examples', kind, i],
            message: groupExample
              ? 'a group indicator needs each example to be a list of adverts'
              : 'each example is one advert object',
          });
        }
      });
    }
  });
export type IndicatorSpec = z.infer<typeof indicatorSchema>;

export const catalogueSchema = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version, e.g. 1.2.0'),
    released: z.iso.date(),
    /** Score thresholds for each level. */
    levels: z.strictObject({ low: z.number().positive(), medium: z.number(), high: z.number() }),
    indicators: z.array(indicatorSchema).min(1),
  })
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.indicators.forEach((ind, i) => {
      if (seen.has(ind.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'id'],
          message: `duplicate id ${ind.id}`,
        });
      }
      seen.add(ind.id);
    });
    if (!(cat.levels.low < cat.levels.medium && cat.levels.medium < cat.levels.high)) {
      ctx.addIssue({
        code: 'custom',
        path: ['levels'],
        message: 'thresholds must rise: low < medium < high',
      });
    }
  });
export type Catalogue = z.infer<typeof catalogueSchema>;
