import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/notifications/en.json';
import ru from '../../i18n/notifications/ru.json';
import pl from '../../i18n/notifications/pl.json';

addAreaTexts({ en, ru, pl });

/** useNotifyT gives the notifications area's translator (keys without the "notifications." prefix). */
export function useNotifyT() {
  return useAreaT('notifications');
}
