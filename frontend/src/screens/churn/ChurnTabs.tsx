import { SegmentedControl } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useChurnT } from './i18n';

/** ChurnTabs switches between the churn log and the retention analytics. */
export function ChurnTabs({ value }: { value: 'log' | 'analytics' }) {
  const { tc } = useChurnT();
  const navigate = useNavigate();
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => navigate(v === 'analytics' ? '/churn/analytics' : '/churn')}
      data={[
        { value: 'log', label: tc('tabs.log') },
        { value: 'analytics', label: tc('tabs.analytics') },
      ]}
      mb="md"
      data-testid="churn-tabs"
    />
  );
}
