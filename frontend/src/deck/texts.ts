/** DeckLang is a language a deck can be written in. */
export type DeckLang = 'en' | 'ru' | 'pl';

/** DeckTexts are every word a deck prints, in one language. */
export interface DeckTexts {
  qbr: string;
  preparedBy: string;
  draft: string;
  agenda: string;
  summary: string;
  noSummary: string;
  atAGlance: string;
  plan: string;
  seats: string;
  mrr: string;
  renewal: string;
  tier: string;
  none: string;
  usage: string;
  usageSub: string;
  activity: string;
  adoption: string;
  previous: string;
  current: string;
  usageKeys: Record<'avg_active_users' | 'logins' | 'key_feature_uses' | 'seat_utilisation_pct', string>;
  noPrevious: string;
  health: string;
  healthScore: string;
  noHealth: string;
  latest: string;
  changeInQuarter: string;
  healthClass: Record<string, string>;
  /** healthBreakdown and what follows are the internal health breakdown slide's words. */
  healthBreakdown: string;
  component: string;
  score: string;
  share: string;
  points: string;
  noBreakdown: string;
  parts: Record<string, string>;
  nps: string;
  promoters: string;
  passives: string;
  detractors: string;
  noNps: string;
  verbatims: string;
  noVerbatims: string;
  value: string;
  valueSub: string;
  kpi: string;
  before: string;
  after: string;
  change: string;
  result: string;
  improved: string;
  notImproved: string;
  worsened: string;
  unchanged: string;
  forInfo: string;
  noValue: string;
  experiment: string;
  experimentSub: string;
  target: string;
  control: string;
  targetChange: string;
  controlChange: string;
  uplift: string;
  upliftFormula: string;
  goals: string;
  goal: string;
  outcome: string;
  status: string;
  goalStatus: Record<'met' | 'partly' | 'missed' | 'open', string>;
  noGoals: string;
  partnership: string;
  support: string;
  noSupport: string;
  benefitsUsed: string;
  referrals: string;
  movements: string;
  risks: string;
  noRisks: string;
  nextGoals: string;
  noNextGoals: string;
  thanks: string;
  improvedCount: string;
}

/** PARTS_EN and its siblings name the health components as the server's document does. */
const PARTS_EN: Record<string, string> = { engagement_trend: 'Engagement trend', login_recency: 'Login recency', seat_utilisation: 'Seat utilisation', nps: 'Latest NPS', payment: 'Payment status', csm_sentiment: 'CSM sentiment' };
const PARTS_RU: Record<string, string> = { engagement_trend: 'Динамика вовлечённости', login_recency: 'Давность входа', seat_utilisation: 'Использование мест', nps: 'Последний NPS', payment: 'Статус оплаты', csm_sentiment: 'Оценка CSM' };
const PARTS_PL: Record<string, string> = { engagement_trend: 'Trend zaangażowania', login_recency: 'Ostatnie logowanie', seat_utilisation: 'Wykorzystanie stanowisk', nps: 'Ostatni NPS', payment: 'Status płatności', csm_sentiment: 'Ocena CSM' };

const en: DeckTexts = {
  qbr: 'Quarterly business review',
  preparedBy: 'Prepared by {owner}',
  draft: 'Draft',
  agenda: 'Agenda',
  summary: 'Executive summary',
  noSummary: 'No summary written yet.',
  atAGlance: 'Account at a glance',
  plan: 'Plan',
  seats: 'Seats',
  mrr: 'MRR',
  renewal: 'Renewal',
  tier: 'Loyalty tier',
  none: '—',
  usage: 'Usage and adoption',
  usageSub: '{quarter} compared with {previous}',
  activity: 'Activity',
  adoption: 'Adoption',
  previous: 'Previous quarter',
  current: 'This quarter',
  usageKeys: {
    avg_active_users: 'Avg weekly active users',
    logins: 'Logins',
    key_feature_uses: 'Key-feature uses',
    seat_utilisation_pct: 'Seat utilisation, %',
  },
  noPrevious: 'no data last quarter',
  health: 'Health trend',
  healthScore: 'Health score',
  noHealth: 'No weekly health scores were stored this quarter.',
  latest: 'Latest score',
  changeInQuarter: 'Change in the quarter',
  healthClass: { good: 'good', average: 'average', poor: 'poor', no_data: 'too little data' },
  healthBreakdown: 'Health breakdown (internal)',
  component: 'Component',
  score: 'Score',
  share: 'Weight, %',
  points: 'Points',
  noBreakdown: 'No health breakdown was stored this quarter.',
  parts: PARTS_EN,
  nps: 'NPS and what they said',
  promoters: 'Promoters',
  passives: 'Passives',
  detractors: 'Detractors',
  noNps: 'No NPS answers this quarter.',
  verbatims: 'Verbatims',
  noVerbatims: 'No comments this quarter.',
  value: 'Value delivered',
  valueSub: 'Before and after, including what did not improve',
  kpi: 'KPI',
  before: 'Before',
  after: 'After',
  change: 'Change',
  result: 'Result',
  improved: 'Improved',
  notImproved: 'Not improved',
  worsened: 'Worsened',
  unchanged: 'No change',
  forInfo: 'For information',
  noValue: 'No value KPIs recorded yet.',
  experiment: 'Experiment: product vs control group',
  experimentSub: 'Uplift by difference in differences',
  target: 'Target group',
  control: 'Control group',
  targetChange: 'Target change',
  controlChange: 'Control change',
  uplift: 'Uplift',
  upliftFormula: 'Uplift = (target after − target before) − (control after − control before)',
  goals: 'Goals and outcomes',
  goal: 'Goal',
  outcome: 'Outcome',
  status: 'Status',
  goalStatus: { met: 'Met', partly: 'Partly met', missed: 'Missed', open: 'Open' },
  noGoals: 'No goals were set at the last QBR.',
  partnership: 'Support, loyalty and commercials',
  support: 'Support',
  noSupport: 'No support summary.',
  benefitsUsed: 'Benefits used',
  referrals: 'Referrals made',
  movements: 'MRR changes',
  risks: 'Risks',
  noRisks: 'No risks recorded.',
  nextGoals: 'Next quarter: goals and next steps',
  noNextGoals: 'No goals set for next quarter yet.',
  thanks: 'Thank you',
  improvedCount: '{improved} improved · {notImproved} did not improve',
};

const ru: DeckTexts = {
  qbr: 'Квартальный бизнес-обзор',
  preparedBy: 'Подготовил(а): {owner}',
  draft: 'Черновик',
  agenda: 'Повестка',
  summary: 'Краткое резюме',
  noSummary: 'Резюме ещё не написано.',
  atAGlance: 'Клиент вкратце',
  plan: 'Тариф',
  seats: 'Места',
  mrr: 'MRR',
  renewal: 'Продление',
  tier: 'Уровень лояльности',
  none: '—',
  usage: 'Использование и внедрение',
  usageSub: '{quarter} в сравнении с {previous}',
  activity: 'Активность',
  adoption: 'Внедрение',
  previous: 'Прошлый квартал',
  current: 'Этот квартал',
  usageKeys: {
    avg_active_users: 'Активные пользователи в неделю',
    logins: 'Входы',
    key_feature_uses: 'Использование ключевых функций',
    seat_utilisation_pct: 'Использование мест, %',
  },
  noPrevious: 'нет данных за прошлый квартал',
  health: 'Динамика здоровья',
  healthScore: 'Оценка здоровья',
  noHealth: 'В этом квартале недельных оценок здоровья нет.',
  latest: 'Последняя оценка',
  changeInQuarter: 'Изменение за квартал',
  healthClass: { good: 'хорошее', average: 'среднее', poor: 'плохое', no_data: 'мало данных' },
  healthBreakdown: 'Структура здоровья (внутреннее)',
  component: 'Компонент',
  score: 'Оценка',
  share: 'Вес, %',
  points: 'Баллы',
  noBreakdown: 'В этом квартале структура здоровья не сохранена.',
  parts: PARTS_RU,
  nps: 'NPS и отзывы',
  promoters: 'Промоутеры',
  passives: 'Нейтралы',
  detractors: 'Критики',
  noNps: 'В этом квартале ответов NPS нет.',
  verbatims: 'Цитаты',
  noVerbatims: 'В этом квартале комментариев нет.',
  value: 'Полученная ценность',
  valueSub: 'До и после, включая то, что не улучшилось',
  kpi: 'Показатель',
  before: 'До',
  after: 'После',
  change: 'Изменение',
  result: 'Итог',
  improved: 'Улучшился',
  notImproved: 'Не улучшился',
  worsened: 'Ухудшился',
  unchanged: 'Без изменений',
  forInfo: 'Для справки',
  noValue: 'Показатели ценности ещё не записаны.',
  experiment: 'Эксперимент: продукт против контрольной группы',
  experimentSub: 'Эффект методом разности разностей',
  target: 'Целевая группа',
  control: 'Контрольная группа',
  targetChange: 'Изменение в целевой',
  controlChange: 'Изменение в контрольной',
  uplift: 'Эффект',
  upliftFormula: 'Эффект = (целевая после − целевая до) − (контрольная после − контрольная до)',
  goals: 'Цели и результаты',
  goal: 'Цель',
  outcome: 'Результат',
  status: 'Статус',
  goalStatus: { met: 'Достигнута', partly: 'Частично', missed: 'Не достигнута', open: 'В работе' },
  noGoals: 'На прошлом обзоре цели не ставились.',
  partnership: 'Поддержка, лояльность и коммерция',
  support: 'Поддержка',
  noSupport: 'Сводки по поддержке нет.',
  benefitsUsed: 'Использованные привилегии',
  referrals: 'Рекомендации',
  movements: 'Изменения MRR',
  risks: 'Риски',
  noRisks: 'Риски не записаны.',
  nextGoals: 'Следующий квартал: цели и шаги',
  noNextGoals: 'Цели на следующий квартал ещё не заданы.',
  thanks: 'Спасибо',
  improvedCount: 'улучшилось: {improved} · не улучшилось: {notImproved}',
};

const pl: DeckTexts = {
  qbr: 'Kwartalny przegląd biznesowy',
  preparedBy: 'Przygotował(a): {owner}',
  draft: 'Wersja robocza',
  agenda: 'Agenda',
  summary: 'Podsumowanie',
  noSummary: 'Podsumowanie nie zostało jeszcze napisane.',
  atAGlance: 'Klient w skrócie',
  plan: 'Plan',
  seats: 'Stanowiska',
  mrr: 'MRR',
  renewal: 'Odnowienie',
  tier: 'Poziom lojalności',
  none: '—',
  usage: 'Użycie i adopcja',
  usageSub: '{quarter} w porównaniu z {previous}',
  activity: 'Aktywność',
  adoption: 'Adopcja',
  previous: 'Poprzedni kwartał',
  current: 'Ten kwartał',
  usageKeys: {
    avg_active_users: 'Aktywni użytkownicy tygodniowo',
    logins: 'Logowania',
    key_feature_uses: 'Użycia kluczowych funkcji',
    seat_utilisation_pct: 'Wykorzystanie stanowisk, %',
  },
  noPrevious: 'brak danych z poprzedniego kwartału',
  health: 'Trend kondycji',
  healthScore: 'Wynik kondycji',
  noHealth: 'W tym kwartale nie zapisano tygodniowych wyników kondycji.',
  latest: 'Ostatni wynik',
  changeInQuarter: 'Zmiana w kwartale',
  healthClass: { good: 'dobra', average: 'przeciętna', poor: 'słaba', no_data: 'za mało danych' },
  healthBreakdown: 'Składniki kondycji (wewnętrzne)',
  component: 'Składnik',
  score: 'Wynik',
  share: 'Waga, %',
  points: 'Punkty',
  noBreakdown: 'W tym kwartale nie zapisano składników kondycji.',
  parts: PARTS_PL,
  nps: 'NPS i opinie',
  promoters: 'Promotorzy',
  passives: 'Neutralni',
  detractors: 'Krytycy',
  noNps: 'Brak odpowiedzi NPS w tym kwartale.',
  verbatims: 'Cytaty',
  noVerbatims: 'Brak komentarzy w tym kwartale.',
  value: 'Dostarczona wartość',
  valueSub: 'Przed i po, łącznie z tym, co się nie poprawiło',
  kpi: 'Wskaźnik',
  before: 'Przed',
  after: 'Po',
  change: 'Zmiana',
  result: 'Wynik',
  improved: 'Poprawa',
  notImproved: 'Bez poprawy',
  worsened: 'Pogorszenie',
  unchanged: 'Bez zmian',
  forInfo: 'Informacyjnie',
  noValue: 'Nie zapisano jeszcze wskaźników wartości.',
  experiment: 'Eksperyment: produkt a grupa kontrolna',
  experimentSub: 'Efekt metodą różnicy w różnicach',
  target: 'Grupa docelowa',
  control: 'Grupa kontrolna',
  targetChange: 'Zmiana w docelowej',
  controlChange: 'Zmiana w kontrolnej',
  uplift: 'Efekt',
  upliftFormula: 'Efekt = (docelowa po − docelowa przed) − (kontrolna po − kontrolna przed)',
  goals: 'Cele i wyniki',
  goal: 'Cel',
  outcome: 'Wynik',
  status: 'Status',
  goalStatus: { met: 'Osiągnięty', partly: 'Częściowo', missed: 'Nieosiągnięty', open: 'W toku' },
  noGoals: 'Na poprzednim przeglądzie nie ustalono celów.',
  partnership: 'Wsparcie, lojalność i warunki handlowe',
  support: 'Wsparcie',
  noSupport: 'Brak podsumowania wsparcia.',
  benefitsUsed: 'Wykorzystane korzyści',
  referrals: 'Polecenia',
  movements: 'Zmiany MRR',
  risks: 'Ryzyka',
  noRisks: 'Nie zapisano ryzyk.',
  nextGoals: 'Następny kwartał: cele i kolejne kroki',
  noNextGoals: 'Cele na następny kwartał nie zostały jeszcze ustalone.',
  thanks: 'Dziękujemy',
  improvedCount: 'poprawa: {improved} · bez poprawy: {notImproved}',
};

/** DECK_TEXTS are the deck's words in every language it is written in. */
export const DECK_TEXTS: Record<DeckLang, DeckTexts> = { en, ru, pl };

/** deckTexts returns the texts of lang, English for anything else. */
export function deckTexts(lang: string): DeckTexts {
  return DECK_TEXTS[(lang in DECK_TEXTS ? lang : 'en') as DeckLang];
}

/** fill replaces {name} placeholders with values. */
export function fill(s: string, values: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
