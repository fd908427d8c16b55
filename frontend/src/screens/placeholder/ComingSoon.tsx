import { Badge, Card } from '@mantine/core';
import { IconAward, IconDoorExit, IconHeartHandshake, IconPresentation, IconUserMinus, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeader } from '../../shell/Page';

type Area = 'churn' | 'loyalty' | 'referrals' | 'qbr' | 'offboarding';

const ICONS: Record<Area, Icon> = {
  churn: IconUserMinus,
  loyalty: IconAward,
  referrals: IconHeartHandshake,
  qbr: IconPresentation,
  offboarding: IconDoorExit,
};

/** ComingSoon is the honest empty state of a screen a later release fills. */
export function ComingSoon({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`soon.${area}.title`)} />
      <Card>
        <EmptyState icon={ICONS[area]} title={t(`soon.${area}.title`)} body={t(`soon.${area}.body`)} action={<Badge mt="sm">{t('soon.badge')}</Badge>} />
      </Card>
    </>
  );
}
