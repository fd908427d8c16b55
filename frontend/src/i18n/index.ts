import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import 'dayjs/locale/pl';
import en from './en.json';
import ru from './ru.json';
import pl from './pl.json';

/** LANGUAGES are the interface languages, each named in itself. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ru', label: 'Русский' },
  { code: 'pl', label: 'Polski' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_STORAGE_KEY = 'churndesk.language';

function isLanguage(v: unknown): v is LanguageCode {
  return LANGUAGES.some((l) => l.code === v);
}

/** storedLanguage is the remembered language, else the browser's, else English. */
export function storedLanguage(): LanguageCode {
  try {
    const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    /* storage unavailable */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return isLanguage(nav) ? nav : 'en';
}

/** setLanguage switches the interface language and remembers it. */
export async function setLanguage(code: LanguageCode): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    /* storage unavailable */
  }
  await i18n.changeLanguage(code);
}

export const resources = { en: { translation: en }, ru: { translation: ru }, pl: { translation: pl } } as const;

i18n.on('languageChanged', (lng) => {
  dayjs.locale(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
