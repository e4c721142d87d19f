import { z } from 'zod';

/** Format version written into documentation and results. */
export const ADVERT_FORMAT_VERSION = 1;

const pdqHex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal digits (a 256-bit PDQ hash)');

/**
 * One image of an advert: a precomputed PDQ hash, or a local file to hash. One object with a
 * check rather than a union: it validates several times faster, and errors name the field.
 */
export const advertImageSchema = z
  .looseObject({
    pdq: pdqHex.optional().describe('A precomputed PDQ perceptual hash'),
    path: z.string().min(1).optional().describe('A local image file to hash'),
  })
  .refine((img) => img.pdq !== undefined || img.path !== undefined, {
    message: 'an image needs "pdq" (64 hex digits) or "path"',
  })
  .meta({ anyOf: [{ required: ['pdq'] }, { required: ['path'] }] });

/**
 * Advert interchange format, version 1. Unknown fields are kept (looseObject), never rejected.
 * The JSON Schema in docs/formats.md is generated from this object.
 */
export const advertSchema = z
  .looseObject({
    id: z.string().min(1).max(200).describe("The advert's id on its site; unique per site"),
    site: z.string().min(1).max(200).optional().describe('The site it came from'),
    accountId: z.string().min(1).max(200).optional().describe('The site account that posted it'),
    postedAt: z.iso
      .datetime({ offset: true, local: false })
      .optional()
      .describe('When it went live (ISO 8601 date-time)'),
    title: z.string().max(10_000).optional().describe('The advert title as written'),
    text: z.string().max(100_000).optional().describe('The advert text as written'),
    name: z.string().max(200).optional().describe('Advertised name, where the site has a field'),
    age: z
      .number()
      .int()
      .min(0)
      .max(120)
      .optional()
      .describe('Stated age, where the site has a field'),
    town: z.string().max(200).optional().describe('Where it is advertised (a UK town or city)'),
    phones: z.array(z.string().max(100)).max(50).optional().describe('Phone fields as entered'),
    emails: z.array(z.string().max(320)).max(50).optional().describe('Email fields as entered'),
    images: z.array(advertImageSchema).max(100).optional().describe('Images of the advert'),
    payerId: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .describe("The site's token for who paid for the advert"),
    verified: z
      .looseObject({
        age: z.boolean().optional().describe('The site verified the advertised person is an adult'),
        identity: z
          .boolean()
          .optional()
          .describe("The site verified the advertised person's identity"),
      })
      .optional()
      .describe("The site's own checks on the advertised person"),
  })
  .describe('Beacon advert interchange format, version 1');

export type Advert = z.infer<typeof advertSchema>;
export type AdvertImage = z.infer<typeof advertImageSchema>;

/** Fields whose values are lists; CSV carries them separated by `;`. */
export const ADVERT_LIST_FIELDS = ['phones', 'emails', 'images'] as const;
