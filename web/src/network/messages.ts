// The network view's English messages, added to the app's i18next instance the first time the
// view renders (so it works before they are merged into the app's own resources).
import type { i18n as I18n } from 'i18next';
import messages from './messages.en.json';

/** Adds the `network.*` English messages unless the app already has them. */
export function ensureNetworkMessages(i18n: I18n | undefined): void {
  if (i18n === undefined || typeof i18n.addResourceBundle !== 'function') return;
  const configured = i18n.options?.defaultNS;
  const ns = (Array.isArray(configured) ? configured[0] : configured) ?? 'translation';
  if (typeof ns !== 'string') return;
  if (i18n.exists('network.title', { lng: 'en', ns })) return;
  // deep: merge into whatever the app has; overwrite false: the app's own wording wins.
  i18n.addResourceBundle('en', ns, messages, true, false);
}
