// i18next set up with the English (British) messages bundled in: every user-facing string in the
// app comes from en.json, so a translation is one more JSON file.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/** Starts i18next; call once before rendering. */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}
