import { useEffect, useMemo, useState } from 'react';
import { Badge, Card, Tabs } from '@mantine/core';
import { IconFileImport, IconHistory } from '@tabler/icons-react';
import { getCatalog, listImports } from '../../api/integrations';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { useIntT } from './i18n';
import { ImportWizard } from './ImportWizard';
import { ImportHistory } from './ImportHistory';

/** ImportPage is the import wizard and, on its own tab, the import history. */
export function ImportPage() {
  const { ta } = useIntT();
  const [tab, setTab] = useState<string | null>('import');
  const catalog = useApi(() => getCatalog(), []);
  const history = useApi(() => listImports(), []);
  const runs = useMemo(() => history.data?.items.filter((r) => !r.dry_run) ?? [], [history.data]);
  useEffect(() => {
    if (tab === 'history') history.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab]);

  return (
    <>
      <PageHeader title={ta('page.title')} subtitle={ta('page.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted>
        <Tabs.List mb="md">
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />} data-testid="tab-import">
            {ta('page.tabImport')}
          </Tabs.Tab>
          <Tabs.Tab
            value="history"
            leftSection={<IconHistory size={16} />}
            rightSection={
              runs.length > 0 ? (
                <Badge size="xs" variant="light" circle={runs.length < 10}>
                  {runs.length}
                </Badge>
              ) : undefined
            }
            data-testid="tab-history"
          >
            {ta('page.tabHistory')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import">
          {catalog.error && <ErrorNotice error={catalog.error} onRetry={catalog.reload} />}
          {catalog.loading && !catalog.data && <Loading />}
          {catalog.data && (
            <Card>
              <ImportWizard catalog={catalog.data} onImported={history.reload} onShowHistory={() => setTab('history')} />
            </Card>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <ImportHistory state={history} onStart={() => setTab('import')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
