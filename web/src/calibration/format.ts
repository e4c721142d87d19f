// Formatting for the calibration screen: proportions as percentages and group labels for reading.
import { languageName } from '../util/format.ts';

/** A proportion (0–1) as a whole percentage, e.g. "42%"; a dash when there is none. */
export function percent(v: number | null | undefined, lng: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : lng, {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(v);
}

/** A p-value for reading: two significant figures, "< 0.001" below that. */
export function pValue(p: number, lng: string): string {
  if (p < 0.001) return '< 0.001';
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : lng, {
    maximumSignificantDigits: 2,
  }).format(p);
}

/** The server's label of adverts that state nothing (core/calibration NOT_STATED). */
export const NOT_STATED = 'not stated';

/**
 * A fairness group's label: language tags become language names, nationalities (sent
 * lower-cased) get a capital letter. `notStated` is the reader's words for "not stated".
 */
export function groupLabel(
  group: string,
  by: 'nationality' | 'language',
  lng: string,
  notStated: string,
): string {
  if (group === NOT_STATED) return notStated;
  if (by === 'language' && /^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(group)) {
    return languageName(group, lng);
  }
  return group.replace(/(^|[\s-])\p{Ll}/gu, (m) => m.toUpperCase());
}
