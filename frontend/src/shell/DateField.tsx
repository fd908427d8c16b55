import type { ChangeEvent, FocusEvent, ReactNode } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);
dayjs.extend(localizedFormat);

/** DATE_INPUT_FORMAT is how a picked day is shown: the app's medium date style ("Dec 2, 2026", "2 дек. 2026 г.", "2 gru 2026"). */
export const DATE_INPUT_FORMAT = 'll';

/**
 * parseTypedDate reads a day typed in the app's language: ISO (2026-12-02),
 * the language's numeric style (12/02/2026 in English, 02.12.2026 in Russian
 * and Polish) or the medium style it shows. It returns YYYY-MM-DD or null.
 */
export function parseTypedDate(text: string, lang: string): string | null {
  const s = text.trim();
  if (!s) return null;
  const formats = ['YYYY-MM-DD', lang === 'en' ? 'MM/DD/YYYY' : 'DD.MM.YYYY', 'D.M.YYYY', DATE_INPUT_FORMAT, 'D MMM YYYY', 'MMM D, YYYY'];
  for (const f of formats) {
    const d = dayjs(s, f, lang, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  return null;
}

type Change = string | null | ChangeEvent<HTMLInputElement>;

/** DateFieldProps are a text field's props for a YYYY-MM-DD value ('' when empty). */
export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'onChange' | 'defaultValue'> {
  value?: string | null;
  onChange?: (value: string) => void;
  label?: ReactNode;
  'data-testid'?: string;
}

/**
 * DateField is the app's date input: it shows and takes days in the app's
 * language (not the browser's) with a calendar in that language, and keeps
 * the value as YYYY-MM-DD ('' when empty), like a native date input did.
 */
export function DateField({ value, onChange, onBlur, ...rest }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <DateInput
      clearable={!rest.required && !rest.withAsterisk}
      clearButtonProps={{ 'aria-label': t('a11y.clearDate') }}
      valueFormat={DATE_INPUT_FORMAT}
      locale={lang}
      dateParser={(text) => parseTypedDate(text, lang)}
      value={value || null}
      onChange={(v: Change) => onChange?.(typeof v === 'string' ? v : v && typeof v === 'object' ? v.currentTarget.value : '')}
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur?.(e)}
      {...rest}
    />
  );
}
