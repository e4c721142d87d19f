import { extractAges } from './ages.ts';
import { extractEmails } from './emails.ts';
import { extractHandles } from './handles.ts';
import { extractPhones } from './phones.ts';
import { extractPrices } from './prices.ts';
import {
  F_FOLD,
  F_TOWN,
  KIND_AT,
  KIND_DIGIT_WORD,
  KIND_LABEL,
  KIND_NUMBER_WORD,
  scanText,
} from './scan.ts';
import { extractTowns } from './towns.ts';
import type { TextExtraction } from './types.ts';

/** Runs every free-text extractor over one text; all spans index into that text. */
export function extractText(text: string): TextExtraction {
  // Language is not here on purpose: it is detected once per advert, not per field.
  // The shared scan says which extractors can find anything at all (short titles rarely give
  // any of them something to read); the others are not called. Non-ASCII characters may hide
  // digits, @ signs, invisible characters or the ghost emoji, so they keep every extractor on.
  const scan = scanText(text);
  const exotic = scan.nNonAscii > 0;
  const digits = scan.nRuns > 0;
  return {
    phones: digits || exotic || scan.kinds & KIND_DIGIT_WORD ? extractPhones(text) : [],
    emails: scan.atSign || exotic || scan.kinds & KIND_AT ? extractEmails(text) : [],
    handles:
      scan.atSign || scan.slash || exotic || scan.kinds & KIND_LABEL ? extractHandles(text) : [],
    ages: digits || scan.kinds & KIND_NUMBER_WORD ? extractAges(text) : [],
    prices: digits ? extractPrices(text) : [],
    // A town name starts at a token the scan flagged, or one with accents or apostrophes.
    towns: scan.tokenFlags & (F_TOWN | F_FOLD) ? extractTowns(text) : [],
  };
}
