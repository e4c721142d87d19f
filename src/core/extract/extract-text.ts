import { extractAges } from './ages.ts';
import { extractEmails } from './emails.ts';
import { extractHandles } from './handles.ts';
import { extractPhones } from './phones.ts';
import { extractPrices } from './prices.ts';
import { extractTowns } from './towns.ts';
import type { TextExtraction } from './types.ts';

/** Runs every free-text extractor over one text; all spans index into that text. */
export function extractText(text: string): TextExtraction {
  // Language is not here on purpose: it is detected once per advert, not per field.
  return {
    phones: extractPhones(text),
    emails: extractEmails(text),
    handles: extractHandles(text),
    ages: extractAges(text),
    prices: extractPrices(text),
    towns: extractTowns(text),
  };
}
