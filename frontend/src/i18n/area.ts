import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from './index';

/** AreaTexts are one area's texts in every interface language. */
export interface AreaTexts {
  en: object;
  ru: object;
  pl: object;
}

/** addAreaTexts merges an area's own translation files into the interface's. */
export function addAreaTexts(texts: AreaTexts): void {
  for (const [lang, bundle] of Object.entries(texts)) i18n.addResourceBundle(lang, 'translation', bundle, true, true);
}

/** AreaT translates a key of one area, without the area's prefix. */
export type AreaT = (key: string, opts?: Record<string, unknown>) => string;

/**
 * useAreaT gives the translator of the area whose keys start with prefix
 * (e.g. "offboarding"), plus the general translator and the language.
 */
export function useAreaT(prefix: string) {
  const { t, i18n: inst } = useTranslation();
  const lang = inst.resolvedLanguage ?? inst.language ?? 'en';
  const ta = useCallback<AreaT>((key, opts) => (t as unknown as (k: string, o?: object) => string)(`${prefix}.${key}`, opts), [t, prefix]);
  return { ta, t, lang };
}
