import { z } from 'zod';
import { advertSchema } from './advert-schema.ts';

/** The JSON Schema (draft 2020-12) of advert format v1, generated from the schema the code validates with. */
export function advertJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(advertSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://beacon.invalid/schemas/advert-v1.json',
    title: 'Beacon advert, format v1',
  };
}
