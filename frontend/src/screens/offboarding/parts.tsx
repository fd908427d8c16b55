import { useCallback } from 'react';
import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { churnSettings, type ChurnSettings } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import type { AreaT } from '../../i18n/area';
import { progressColor, progressPercent, relativeDue, type ProgressLike } from './logic';
import { useOffT } from './i18n';

/** INTENT is the template used when a customer announces they intend to leave. */
export const INTENT = 'intent';

function labelIn(l: { en: string; ru: string; pl: string }, lang: string): string {
  const v = lang === 'ru' ? l.ru : lang === 'pl' ? l.pl : l.en;
  return v || l.en;
}

/** reasonText names a churn-reason key (or the intent template) in lang. */
export function reasonText(settings: ChurnSettings | undefined, key: string, lang: string, ta: AreaT): string {
  if (!key) return ta('reasons.unknown');
  if (key === INTENT) return ta('reasons.intent');
  const r = settings?.reasons.find((x) => x.key === key);
  return r ? labelIn(r.labels, lang) : key;
}

/** useReasons loads the churn reasons once and names keys in the interface language. */
export function useReasons() {
  const { ta, lang } = useOffT();
  const settings = useApi(() => churnSettings(), []);
  const label = useCallback((key: string) => reasonText(settings.data, key, lang, ta), [settings.data, lang, ta]);
  return { settings: settings.data, label };
}

/** ProgressCell shows done/total as a bar and numbers, red when steps are overdue. */
export function ProgressCell({ progress, w = 160, testId }: { progress: ProgressLike; w?: number | string; testId?: string }) {
  const { ta } = useOffT();
  const pct = progressPercent(progress);
  return (
    <Group gap="xs" wrap="nowrap" data-testid={testId}>
      <Progress
        value={pct}
        color={progressColor(progress)}
        w={w}
        size="md"
        radius="xl"
        aria-label={ta('progress.aria', { done: progress.done, total: progress.total })}
      />
      <Text size="sm" fw={600} data-testid={testId ? `${testId}-text` : undefined} style={{ whiteSpace: 'nowrap' }}>
        {progress.done}/{progress.total}
      </Text>
    </Group>
  );
}

/** OverdueBadge highlights how many steps are past due; nothing when none are. */
export function OverdueBadge({ count, testId, short }: { count: number; testId?: string; short?: boolean }) {
  const { ta } = useOffT();
  if (count <= 0)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        0
      </Text>
    );
  return (
    <Badge color="red" variant="filled" data-testid={testId} style={{ flexShrink: 0 }} title={ta('progress.overdue', { count })} circle={short}>
      {short ? count : ta('progress.overdue', { count })}
    </Badge>
  );
}

/** RoleBadge shows a step's owner role. */
export function RoleBadge({ role }: { role: string }) {
  const { ta } = useOffT();
  const color = role === 'finance' ? 'grape' : role === 'support' ? 'cyan' : role === 'founder' ? 'orange' : 'blue';
  return (
    <Badge variant="light" color={color} size="sm">
      {ta(`roles.${role}`, { defaultValue: role })}
    </Badge>
  );
}

/** KindBadge tells whether a checklist started with a churn or with an announced intent to leave. */
export function KindBadge({ kind }: { kind: string }) {
  const { ta } = useOffT();
  return (
    <Badge variant="outline" color={kind === 'intent' ? 'yellow' : 'gray'} size="sm" style={{ flexShrink: 0 }}>
      {ta(`kind.${kind}`)}
    </Badge>
  );
}

/** DueText shows a due day with how far it is from today; red when overdue. */
export function DueText({ day, today, overdue, done, testId }: { day: string; today: string; overdue?: boolean; done?: boolean; testId?: string }) {
  const { ta, lang } = useOffT();
  const rel = relativeDue(day, today);
  return (
    <Tooltip label={ta(`due.${rel.key}`, { count: rel.count })} withArrow openDelay={300}>
      <Text
        size="sm"
        c={overdue ? 'red' : done ? 'dimmed' : undefined}
        fw={overdue ? 700 : undefined}
        data-testid={testId}
        data-overdue={overdue ? 'true' : 'false'}
        style={{ whiteSpace: 'nowrap' }}
      >
        {formatDate(day, lang)}
      </Text>
    </Tooltip>
  );
}
