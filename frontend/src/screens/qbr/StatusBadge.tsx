import { Badge, type MantineSize } from '@mantine/core';
import type { QbrStatus } from '../../api/qbr';
import { useQbrT } from './i18n';

const COLOR: Record<QbrStatus, string> = { new: 'gray', draft: 'yellow', final: 'teal' };

/** StatusBadge shows whether a QBR is not started, a draft or final. */
export function StatusBadge({ status, size = 'sm' }: { status: QbrStatus; size?: MantineSize }) {
  const { ta } = useQbrT();
  return (
    <Badge color={COLOR[status]} variant="light" size={size} data-testid="qbr-status">
      {ta(`status.${status}`)}
    </Badge>
  );
}
