import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Group, Menu, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconChevronDown, IconDeviceFloppy, IconDownload, IconFileText, IconFileTypePdf, IconPresentation, IconRosetteDiscountCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { type QbrReport, type QbrSaveInput, downloadReport, getReport, saveReport } from '../../api/qbr';
import { toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { saveFile } from '../../native/files';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { AccountCard, HealthCard, NpsCard, UsageCard } from './ComputedCards';
import { EditedForm } from './EditedForm';
import { KeepSections } from './KeepSections';
import { type QbrFormValues, formErrors, stillDrafted, toEdited, toFormValues } from './form';
import { useQbrT } from './i18n';
import { StatusBadge } from './StatusBadge';
import { ExportConfirm } from './ExportConfirm';

type Lang = QbrSaveInput['language'];
type ExportKind = 'pptx' | 'pdf' | 'md';

/** QbrEditorPage is one account's QBR for one quarter: computed sections read-only, edited sections as forms, save and export. */
export function QbrEditorPage() {
  const { accountId, quarter = '' } = useParams();
  const id = Number(accountId);
  const report = useApi(() => getReport(id, quarter), [id, quarter]);
  if (report.error)
    return (
      <>
        <BackLink />
        <ErrorNotice error={report.error} onRetry={report.reload} />
      </>
    );
  if (!report.data) return <Loading />;
  return <Editor key={`${id}-${quarter}`} initial={report.data} />;
}

function BackLink() {
  const { ta } = useQbrT();
  return (
    <Anchor component={Link} to="/qbr" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={14} /> {ta('editor.back')}
    </Anchor>
  );
}

function Editor({ initial }: { initial: QbrReport }) {
  const { ta, lang } = useQbrT();
  const [report, setReport] = useState(initial);
  const [language, setLanguage] = useState<Lang>(initial.language);
  const [saving, setSaving] = useState<'' | 'draft' | 'final'>('');
  const [exporting, setExporting] = useState<'' | ExportKind>('');
  const [invalid, setInvalid] = useState(false);
  const form = useForm<QbrFormValues>({
    initialValues: toFormValues(initial.edited),
    // A drafted section stops being "drafted" the moment it is edited.
    onValuesChange: (next, prev) => {
      const left = stillDrafted(prev, next);
      if (left.length !== next.drafted.length) form.setFieldValue('drafted', left);
    },
  });
  const dirty = form.isDirty() || language !== report.language;

  const save = async (status: 'draft' | 'final', quiet = false): Promise<QbrReport | null> => {
    setSaving(status);
    setInvalid(false);
    form.clearErrors();
    try {
      const saved = await saveReport(report.account.id, report.quarter, { status, language, edited: toEdited(form.values) });
      setReport(saved);
      const values = toFormValues(saved.edited);
      form.setValues(values);
      form.resetDirty(values);
      if (!quiet) notifySuccess(ta('editor.saved', { status: ta(`status.${saved.status}`) }));
      return saved;
    } catch (err) {
      const e = toApiError(err);
      if (e.hasFieldErrors) {
        form.setErrors(formErrors(e.fields));
        setInvalid(true);
      }
      notifyError(ta('editor.saveFailed'), e);
      return null;
    } finally {
      setSaving('');
    }
  };
  // Saving keeps a final report final; a new one becomes a draft.
  const keepStatus = (): 'draft' | 'final' => (report.status === 'final' ? 'final' : 'draft');

  useHotkeys([['mod+S', () => void save(keepStatus())]], []);

  // A report that is not final is exported only after the user has seen what is empty or still drafted.
  const [confirming, setConfirming] = useState<{ kind: ExportKind; report: QbrReport } | null>(null);
  const exportAs = async (kind: ExportKind, internal?: boolean) => {
    setExporting(kind);
    try {
      let current = report;
      if (dirty) {
        const saved = await save(keepStatus(), true);
        if (!saved) return;
        current = saved;
      }
      if (internal === undefined && current.status !== 'final') {
        setConfirming({ kind, report: current });
        return;
      }
      let res;
      if (kind === 'pptx') {
        const { deckBlob, deckFileName } = await import('../../deck');
        const blob = await deckBlob(current, current.brand, current.language, { internal: !!internal });
        res = await saveFile(deckFileName(current), blob, 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
      } else {
        const blob = await downloadReport(current.account.id, current.quarter, kind, !!internal);
        const { qbrFileName } = await import('../../deck/fileName');
        const name = qbrFileName(current.account, current.quarter, kind);
        res = await saveFile(name, blob, kind === 'pdf' ? 'application/pdf' : 'text/markdown');
      }
      if (res?.kind === 'saved') notifySuccess(ta('editor.exported', { path: res.path }));
      if (res?.kind === 'downloaded') notifySuccess(ta('editor.downloaded', { name: res.name }));
    } catch (err) {
      notifyError(ta('editor.exportFailed'), err);
    } finally {
      setExporting('');
    }
  };

  // A report nobody has touched is redrafted in the language chosen for it.
  const changeLanguage = async (l: Lang) => {
    setLanguage(l);
    if (report.status !== 'new' || form.isDirty()) return;
    try {
      const fresh = await getReport(report.account.id, report.quarter, l);
      setReport(fresh);
      const values = toFormValues(fresh.edited);
      form.setValues(values);
      form.resetDirty(values);
    } catch (err) {
      notifyError(ta('editor.saveFailed'), err);
    }
  };

  const langs = (['en', 'ru', 'pl'] as const).map((l) => ({ value: l, label: ta(`lang.${l}`) }));
  const savedLine = report.updated_at
    ? ta('editor.savedBy', { who: report.updated_by || '—', when: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(report.updated_at)) })
    : ta('editor.notSaved');

  return (
    <>
      <ExportConfirm
        report={confirming?.report ?? null}
        onCancel={() => setConfirming(null)}
        onConfirm={(internal) => {
          const kind = confirming!.kind;
          setConfirming(null);
          void exportAs(kind, internal);
        }}
      />
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <Anchor component={Link} to={`/accounts/${report.account.id}`} inherit c="inherit" data-testid="qbr-account-name">
              {report.account.name}
            </Anchor>
            <StatusBadge status={report.status} size="lg" />
          </Group>
        }
        subtitle={
          <>
            {ta('editor.period', { quarter: report.quarter, from: formatDate(report.from, lang), to: formatDate(report.to, lang), previous: report.previous_quarter })}
            {' · '}
            <span data-testid="qbr-saved-line">{savedLine}</span>
          </>
        }
        actions={
          <>
            <Select w={150} aria-label={ta('editor.language')} data={langs} value={language} onChange={(v) => v && changeLanguage(v as Lang)} allowDeselect={false} data-testid="qbr-language" />
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={saving === 'draft'} onClick={() => save('draft')} data-testid="qbr-save-draft">
              {ta('editor.saveDraft')}
            </Button>
            <Button leftSection={<IconRosetteDiscountCheck size={16} />} loading={saving === 'final'} onClick={() => save('final')} data-testid="qbr-save-final">
              {ta('editor.saveFinal')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="light" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={exporting !== ''} data-testid="qbr-export">
                  {ta('editor.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {dirty && (
                  <Menu.Label maw={260} style={{ whiteSpace: 'normal' }}>
                    {ta('editor.savesFirst')}
                  </Menu.Label>
                )}
                <Menu.Item leftSection={<IconPresentation size={16} />} onClick={() => exportAs('pptx')} data-testid="qbr-export-pptx">
                  {ta('editor.pptx')}
                </Menu.Item>
                <Menu.Item leftSection={<IconFileTypePdf size={16} />} onClick={() => exportAs('pdf')} data-testid="qbr-export-pdf">
                  {ta('editor.pdf')}
                </Menu.Item>
                <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => exportAs('md')} data-testid="qbr-export-md">
                  {ta('editor.md')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      <Group gap="xs" mb="sm" mt={-8}>
        {dirty && (
          <Badge color="yellow" variant="light" data-testid="qbr-dirty">
            {ta('editor.unsaved')}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {ta('editor.shortcut')}
        </Text>
      </Group>
      {invalid && (
        <Alert color="red" mb="md" data-testid="qbr-invalid">
          {ta('editor.invalid')}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={4} mb="xs">
            {ta('editor.yourReport')}
          </Title>
          <EditedForm form={form} currency={report.computed.commercial.currency || report.account.currency} />
          <KeepSections form={form} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Title order={4}>{ta('editor.fromData')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {ta('editor.fromDataHint')}
          </Text>
          <Stack gap="md">
            <UsageCard report={report} />
            <HealthCard report={report} />
            <NpsCard report={report} />
            <AccountCard report={report} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
