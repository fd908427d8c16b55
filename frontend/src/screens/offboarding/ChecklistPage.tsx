import { useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFileTypePdf, IconMarkdown, IconMail, IconPlus, IconFileZip } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { facets } from '../../api/accounts';
import { exportAccountData, exportChecklist, getChecklist, type OffboardingChecklist } from '../../api/offboarding';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { saveFile } from '../../native/files';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { AddItemModal } from './AddItemModal';
import { ItemRow } from './ItemRow';
import { LetterModal } from './LetterModal';
import { groupByDue, isoDay, relativeDue, requiredLeft } from './logic';
import { KindBadge, ProgressCell, useReasons } from './parts';
import { useOffT } from './i18n';

type Download = '' | 'pdf' | 'md' | 'zip';

/** ChecklistPage is one offboarding checklist: steps by due day, ticked, reassigned, annotated; exports and the farewell letter. */
export function ChecklistPage() {
  const { ta, lang } = useOffT();
  const id = Number(useParams().id);
  const loaded = useApi(() => getChecklist(id), [id]);
  const [c, setC] = useState<OffboardingChecklist>();
  useEffect(() => setC(loaded.data), [loaded.data]);
  const fac = useApi(() => facets(), []);
  const { label } = useReasons();
  const today = useMemo(() => isoDay(new Date()), []);
  const [adding, setAdding] = useState(false);
  const [letter, setLetter] = useState(false);
  const [busy, setBusy] = useState<Download>('');

  if (loaded.error && !c) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Loading />;

  const download = async (kind: Exclude<Download, ''>) => {
    setBusy(kind);
    try {
      const safe = c.account_name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'account';
      const res =
        kind === 'zip'
          ? await saveFile(`${safe}-data-export.zip`, await exportAccountData(c.account_id), 'application/zip')
          : await saveFile(
              `offboarding-${safe}.${kind}`,
              await exportChecklist(c.id, kind),
              kind === 'pdf' ? 'application/pdf' : 'text/markdown',
            );
      if (res?.kind === 'saved') notifySuccess(ta('checklist.saved', { path: res.path }));
      if (res?.kind === 'downloaded') notifySuccess(ta('checklist.downloaded', { name: res.name }));
    } catch (err) {
      notifyError(ta('checklist.exportFailed'), err);
    } finally {
      setBusy('');
    }
  };

  const groups = groupByDue(c.items, today);
  const left = requiredLeft(c.items);
  const owners = fac.data?.owners ?? [];
  return (
    <>
      <Anchor component={Link} to="/offboarding" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {ta('checklist.back')}
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm">
            <Anchor component={Link} to={`/accounts/${c.account_id}`} inherit data-testid="checklist-account">
              {c.account_name}
            </Anchor>
            {c.completed_at ? (
              <Badge color="teal" data-testid="checklist-state">
                {ta('checklist.closed')}
              </Badge>
            ) : (
              <Badge color="blue" variant="light" data-testid="checklist-state">
                {ta('checklist.open')}
              </Badge>
            )}
          </Group>
        }
        subtitle={
          <Group gap="xs" component="span">
            <KindBadge kind={c.kind} />
            <span data-testid="checklist-reason">{label(c.reason)}</span>
            <span>·</span>
            <span>{ta(c.kind === 'intent' ? 'checklist.intentOn' : 'checklist.churnOn', { date: formatDate(c.start_date, lang) })}</span>
            <span>·</span>
            <span>{ta('checklist.language', { lang: ta(`langs.${c.language}`) })}</span>
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={busy === 'pdf'} onClick={() => download('pdf')} data-testid="export-pdf">
              PDF
            </Button>
            <Button variant="default" leftSection={<IconMarkdown size={16} />} loading={busy === 'md'} onClick={() => download('md')} data-testid="export-md">
              Markdown
            </Button>
            <Button variant="default" leftSection={<IconFileZip size={16} />} loading={busy === 'zip'} onClick={() => download('zip')} data-testid="export-data">
              {ta('checklist.dataExport')}
            </Button>
            <Button leftSection={<IconMail size={16} />} onClick={() => setLetter(true)} data-testid="open-letter">
              {ta('checklist.letter')}
            </Button>
          </>
        }
      />
      <Card mb="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('checklist.progress')}
            </Text>
            <ProgressCell progress={c.progress} w="100%" testId="checklist-progress" />
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('checklist.overdueSteps')}
            </Text>
            <Text size="xl" fw={700} c={c.progress.overdue > 0 ? 'red' : undefined} data-testid="checklist-overdue">
              {c.progress.overdue}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('checklist.requiredLeft')}
            </Text>
            <Text size="xl" fw={700} data-testid="checklist-required-left">
              {left}
            </Text>
            <Text size="xs" c="dimmed">
              {c.completed_at ? ta('checklist.closedOn', { date: formatDate(c.completed_at, lang) }) : ta('checklist.closesWhen')}
            </Text>
          </Stack>
        </SimpleGrid>
      </Card>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{ta('checklist.steps')}</Title>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-item">
          {ta('checklist.addStep')}
        </Button>
      </Group>
      {c.items.length === 0 && (
        <Card>
          <Text c="dimmed" size="sm">
            {ta('checklist.noSteps')}
          </Text>
        </Card>
      )}
      <Stack gap="md" data-testid="checklist-items">
        {groups.map((g) => {
          const rel = relativeDue(g.day, today);
          return (
            <div key={g.day} data-testid={`due-group-${g.day}`}>
              <Group gap="xs" mb={6}>
                <Text fw={700} size="sm" c={g.state === 'overdue' ? 'red' : g.state === 'done' ? 'dimmed' : undefined}>
                  {formatDate(g.day, lang)}
                </Text>
                <Text size="sm" c={g.state === 'overdue' ? 'red' : 'dimmed'}>
                  {ta(`due.${rel.key}`, { count: rel.count })}
                </Text>
                {g.state === 'overdue' && (
                  <Badge color="red" size="xs" variant="filled">
                    {ta('checklist.overdue')}
                  </Badge>
                )}
              </Group>
              <Card padding={0} withBorder>
                {g.steps.map((it, i) => (
                  <ItemRow key={it.id} item={it} today={today} owners={owners} first={i === 0} onChanged={setC} />
                ))}
              </Card>
            </div>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" mt="md">
        {ta('checklist.hint')}
      </Text>
      <AddItemModal opened={adding} checklist={c} owners={owners} onClose={() => setAdding(false)} onAdded={setC} />
      <LetterModal opened={letter} checklist={c} onClose={() => setLetter(false)} />
    </>
  );
}
