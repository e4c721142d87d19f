// Dates for the network view in the reader's language ("en" alone means British English here).

/** The locale to format in: plain "en" is taken as en-GB. */
function localeOf(language: string): string {
  return !language || language === 'en' ? 'en-GB' : language;
}

/** A date and time, e.g. "3 Feb 2026, 14:05"; "—" for none. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A date, e.g. "3 Feb 2026"; "—" for none. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium' }).format(new Date(iso));
}
