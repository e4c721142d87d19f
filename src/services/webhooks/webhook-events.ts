// What a webhook announces: the events a site may subscribe to, the body of a delivery, and the
// signature over it. A body carries ids, levels, a score, outcomes, reason codes and times only:
// never advert text, notes, statements, phones or any other personal data, since it leaves Beacon
// for a system we do not control.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { LEVELS } from '../../core/model/result.ts';

export const WEBHOOK_EVENTS = [
  'advert.level_changed',
  'network.level_changed',
  'decision.made',
  'appeal.resolved',
] as const;
/** An event a webhook may subscribe to. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The job kind that sends one delivery. */
export const WEBHOOK_JOB = 'webhook';

/** The states of a delivery, as its log shows them. */
export const DELIVERY_STATUSES = [
  'pending',
  'retrying',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const subjectSchema = z.object({
  id: z.string(),
  from: z.enum(LEVELS).nullable(),
  to: z.enum(LEVELS),
  score: z.number(),
});

// Key order here is the key order of the JSON sent (jsonb does not keep the order it was given).
export const webhookPayloadSchema = z.union([
  z.object({
    event: z.literal('advert.level_changed'),
    id: z.number().int(),
    occurredAt: z.string(),
    advert: subjectSchema,
  }),
  z.object({
    event: z.literal('network.level_changed'),
    id: z.number().int(),
    occurredAt: z.string(),
    network: subjectSchema,
  }),
  z.object({
    event: z.literal('decision.made'),
    id: z.number().int(),
    occurredAt: z.string(),
    decision: z.object({
      /** The site's own id of the advert. */
      advertId: z.string(),
      outcome: z.string(),
      reasonCode: z.string(),
      /** The advertiser's language (BCP 47) for safety information, where known. */
      language: z.string().nullable(),
      decidedAt: z.string(),
    }),
  }),
  z.object({
    event: z.literal('appeal.resolved'),
    id: z.number().int(),
    occurredAt: z.string(),
    appeal: z.object({
      /** The site's own id of the advert. */
      advertId: z.string(),
      appealId: z.string(),
      outcome: z.enum(['upheld', 'overturned']),
    }),
  }),
]);
/** The JSON body of a delivery. */
export type WebhookPayload = z.output<typeof webhookPayloadSchema>;

/** The body's text: the same for every attempt of a delivery, whatever order jsonb kept. */
export function webhookBody(payload: unknown): string {
  return JSON.stringify(webhookPayloadSchema.parse(payload));
}

/** `sha256=<hex>`: the HMAC-SHA256, keyed by the webhook's secret, of "<timestamp>.<body>". */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}
