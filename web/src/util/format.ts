// Formatting of dates, durations and scores for display, in the reader's language.
import type { TFunction } from 'i18next';

/** A date and time, e.g. "4 Nov 2026, 09:36". */
export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : lng, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** A duration in minutes as "45 min", "2 h 5 min" or "3 d 4 h". */
export function formatMinutes(minutes: number, t: TFunction): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('time.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('time.hoursMinutes', { hours: h, minutes: m % 60 });
  return t('time.daysHours', { days: Math.floor(h / 24), hours: h % 24 });
}

/** A score or weight with at most one decimal place; weights carry their sign. */
export function formatWeight(n: number, signed = false): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return signed && n > 0 ? `+${s}` : s;
}

/** The name of a language (BCP 47 tag) in the reader's language. */
export function languageName(tag: string, lng: string): string {
  try {
    return (
      new Intl.DisplayNames([lng === 'en' ? 'en-GB' : lng], { type: 'language' }).of(tag) ?? tag
    );
  } catch {
    return tag;
  }
}
