import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Box, Card, Group, Menu, Paper, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconDots, IconExternalLink, IconGift, IconGripVertical, IconPencil, IconUserCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Referral, ReferralStatus } from '../../api/loyalty';
import { formatDate } from '../../format/money';
import { targets } from './format';
import { useLoyaltyT } from './i18n';

/** STATUS_COLORS give each pipeline column its colour. */
export const STATUS_COLORS: Record<ReferralStatus, string> = {
  invited: 'blue',
  lead: 'violet',
  trial: 'orange',
  converted: 'teal',
  declined: 'gray',
  expired: 'gray',
};

const DRAG_TYPE = 'application/x-churndesk-referral';

interface ColumnProps {
  status: ReferralStatus;
  items: Referral[];
  compact?: boolean;
  onMove: (r: Referral, to: ReferralStatus) => void;
  onOpen: (r: Referral) => void;
  onConvert: (r: Referral) => void;
}

/** BoardColumn is one status of the pipeline: a drop target holding its referral cards. */
export function BoardColumn({ status, items, compact, onMove, onOpen, onConvert }: ColumnProps) {
  const { ta } = useLoyaltyT();
  const [over, setOver] = useState(false);
  const color = STATUS_COLORS[status];
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      data-testid={`column-${status}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE) && !e.dataTransfer.types.includes('text/plain')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const raw = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
        const id = Number(raw.replace(/^referral:/, ''));
        const r = dragged.get(id);
        if (r) onMove(r, status);
      }}
      style={{
        background: over ? `var(--mantine-color-${color}-light)` : 'var(--mantine-color-default-hover)',
        borderColor: over ? `var(--mantine-color-${color}-filled)` : undefined,
        borderStyle: over ? 'dashed' : undefined,
        transition: 'background 120ms',
        minHeight: compact ? 80 : 220,
      }}
    >
      <Group justify="space-between" mb="xs" px={4}>
        <Group gap={6}>
          <Box w={8} h={8} style={{ borderRadius: 8, background: `var(--mantine-color-${color}-filled)` }} />
          <Text size="sm" fw={600}>
            {ta(`status.${status}`)}
          </Text>
        </Group>
        <Badge size="sm" variant="light" color={color} data-testid={`column-count-${status}`}>
          {items.length}
        </Badge>
      </Group>
      <ScrollArea.Autosize mah={compact ? 260 : 520} type="auto" offsetScrollbars>
        <Stack gap={6}>
          {items.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="md">
              {ta('board.dropHere')}
            </Text>
          )}
          {items.map((r) => (
            <ReferralCard key={r.id} referral={r} onMove={onMove} onOpen={onOpen} onConvert={onConvert} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

// dragged remembers the referrals being dragged by id: a drop carries only the id.
const dragged = new Map<number, Referral>();

/** ReferralCard is one referral on the board: drag it to another column, or use its menu from the keyboard. */
export function ReferralCard({ referral: r, onMove, onOpen, onConvert }: { referral: Referral; onMove: ColumnProps['onMove']; onOpen: ColumnProps['onOpen']; onConvert: ColumnProps['onConvert'] }) {
  const { ta, lang } = useLoyaltyT();
  const [dragging, setDragging] = useState(false);
  const options = targets(r.status);
  return (
    <Card
      padding="xs"
      radius="sm"
      withBorder
      draggable={r.status !== 'converted'}
      onDragStart={(e) => {
        dragged.set(r.id, r);
        e.dataTransfer.setData(DRAG_TYPE, String(r.id));
        e.dataTransfer.setData('text/plain', `referral:${r.id}`);
        e.dataTransfer.effectAllowed = 'move';
        setDragging(true);
      }}
      onDragEnd={() => setDragging(false)}
      style={{ cursor: r.status === 'converted' ? 'default' : 'grab', opacity: dragging ? 0.5 : 1 }}
      data-testid={`referral-card-${r.id}`}
      data-status={r.status}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          {r.status !== 'converted' && <IconGripVertical size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} aria-hidden />}
          <Anchor component="button" type="button" size="sm" fw={600} onClick={() => onOpen(r)} lineClamp={1} ta="left" data-testid="referral-open">
            {r.referred_company}
          </Anchor>
        </Group>
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" color="gray" aria-label={ta('board.actions', { company: r.referred_company })} data-testid="referral-menu">
              <IconDots size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {options.length > 0 && <Menu.Label>{ta('board.moveTo')}</Menu.Label>}
            {options.map((s) => (
              <Menu.Item
                key={s}
                leftSection={s === 'converted' ? <IconUserCheck size={14} /> : <IconArrowRight size={14} />}
                color={s === 'converted' ? 'teal' : undefined}
                onClick={() => (s === 'converted' ? onConvert(r) : onMove(r, s))}
                data-testid={`move-${s}`}
              >
                {s === 'converted' ? ta('board.convert') : ta(`status.${s}`)}
              </Menu.Item>
            ))}
            {options.length > 0 && <Menu.Divider />}
            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onOpen(r)}>
              {ta('board.edit')}
            </Menu.Item>
            {r.converted_account_id && (
              <Menu.Item leftSection={<IconExternalLink size={14} />} component={Link} to={`/accounts/${r.converted_account_id}`}>
                {ta('board.openAccount')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {r.referred_contact && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {r.referred_contact}
        </Text>
      )}
      <Text size="xs" mt={4} lineClamp={1}>
        {ta('board.from')}{' '}
        <Anchor component={Link} to={`/accounts/${r.referrer_account_id}`} size="xs">
          {r.referrer_name}
        </Anchor>
      </Text>
      <Group gap={4} mt={6} justify="space-between">
        <Text size="xs" c="dimmed">
          {formatDate(r.referred_on, lang)} · {ta(`channel.${r.channel}`)}
        </Text>
        {(r.referrer_reward || r.newcomer_reward) && (
          <Tooltip
            label={
              <>
                {r.referrer_reward && <div>{ta('board.referrerReward', { reward: r.referrer_reward, status: ta(`reward.${r.referrer_reward_status}`) })}</div>}
                {r.newcomer_reward && <div>{ta('board.newcomerReward', { reward: r.newcomer_reward, status: ta(`reward.${r.newcomer_reward_status}`) })}</div>}
              </>
            }
            withArrow
          >
            <IconGift size={14} color="var(--mantine-color-dimmed)" aria-label={ta('form.rewards')} />
          </Tooltip>
        )}
      </Group>
      {r.converted_account_id && (
        <Anchor component={Link} to={`/accounts/${r.converted_account_id}`} size="xs" mt={4} display="block" data-testid="converted-link">
          {ta('board.convertedTo')}
        </Anchor>
      )}
    </Card>
  );
}
