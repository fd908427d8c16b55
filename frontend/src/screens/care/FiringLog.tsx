import { useState } from 'react';
import { Anchor, Badge, Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Firing } from '../../api/care';
import { formatDate } from '../../format/money';
import { useCareT } from './i18n';

/** RECENT_SHOWN is how many firings show before "show all". */
const RECENT_SHOWN = 8;

/** FiringLog lists trigger firings, newest first; a held celebration says why it waits. */
export function FiringLog({ items, showAccount = true, empty }: { items: Firing[]; showAccount?: boolean; empty: string }) {
  const { ta, t, lang } = useCareT();
  const [showAll, setShowAll] = useState(false);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <>
      {items.slice(0, showAll ? undefined : RECENT_SHOWN).map((f, i) => (
        <Text size="sm" key={i} py={2} data-testid="firing">
          <Text span size="xs" c="dimmed" mr={6}>
            {formatDate(f.fired_at.slice(0, 10), lang)}
          </Text>
          <Badge variant="light" mr={6}>
            {t(`today.trigger.${f.trigger}` as never)}
          </Badge>
          {f.status === 'held' && (
            <Badge variant="outline" color="gray" mr={6} data-testid="held">
              {ta('held')}
            </Badge>
          )}
          {showAccount && (
            <>
              <Anchor component={Link} to={`/accounts/${f.account_id}`} underline="always">
                {f.account_name}
              </Anchor>{' '}
              ·{' '}
            </>
          )}
          {f.reason}
          {f.held_reason && <> · {ta(`heldReason.${f.held_reason}`)}</>}
        </Text>
      ))}
      {items.length > RECENT_SHOWN && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('today.showFewer') : t('today.showAll', { count: items.length })}
        </Button>
      )}
    </>
  );
}
