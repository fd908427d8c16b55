
import { Button } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listAccounts } from '../../api/accounts';
import { useApi } from '../../api/useApi';
import { EmptyState, ErrorNotice, Loading } from '../../shell/Page';

/**
 * CrmLink opens the account a CRM record belongs to, so a CRM sidebar can
 * embed #/crm/hubspot/12345 without knowing ChurnDesk's ids.
 */
export function CrmLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { source = '', externalId = '' } = useParams();
  const found = useApi(() => listAccounts({ crm_source: source, external_id: externalId, limit: 1 }), [source, externalId]);
  if (found.error) return <ErrorNotice error={found.error} onRetry={found.reload} />;
  if (!found.data) return <Loading />;
  const first = found.data.items[0];
  if (first) return <Navigate to={`/accounts/${first.id}`} replace />;
  return (
    <EmptyState
      icon={IconUserQuestion}
      title={t('account.notFound')}
      body={`${source} · ${externalId}`}
      action={<Button onClick={() => navigate('/accounts')}>{t('account.backToList')}</Button>}
    />
  );
}
