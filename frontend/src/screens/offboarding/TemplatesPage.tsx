import { useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { toApiError } from '../../api/errors';
import {
  LETTER_LANGS,
  offboardingSettings,
  saveOffboardingSettings,
  type LetterLang,
  type OffboardingItemTemplate,
  type OffboardingSettings,
  type OffboardingText,
} from '../../api/offboarding';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { moveItem, uniqueKey } from './logic';
import { INTENT, useReasons } from './parts';
import { TemplateItemCard } from './TemplateItemCard';
import { useOffT } from './i18n';

const emptyText = (): OffboardingText => ({ en: '', ru: '', pl: '' });

/** TemplatesPage edits the checklist template of each churn reason (and of an announced intent), per language, and the farewell letter. */
export function TemplatesPage() {
  const { ta, t } = useOffT();
  const loaded = useApi(() => offboardingSettings(), []);
  const { settings: reasons, label } = useReasons();
  const [draft, setDraft] = useState<OffboardingSettings>();
  const [dirty, setDirty] = useState(false);
  const [sel, setSel] = useState<string>('');
  const [edit, setEdit] = useState<LetterLang>('en');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const data = loaded.data;
    if (data) {
      setDraft(structuredClone(data));
      setDirty(false);
      setSel((s) => s || data.templates[0]?.reason || '');
    }
  }, [loaded.data]);

  const ti = draft?.templates.findIndex((x) => x.reason === sel) ?? -1;
  const tpl = ti >= 0 ? draft?.templates[ti] : undefined;
  const missingReasons = useMemo(
    () => (reasons?.reasons ?? []).filter((r) => !draft?.templates.some((x) => x.reason === r.key)).map((r) => ({ value: r.key, label: label(r.key) })),
    [reasons, draft, label],
  );

  if (loaded.error && !draft) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!draft) return <Loading />;

  const change = (fn: (d: OffboardingSettings) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const n = structuredClone(d);
      fn(n);
      return n;
    });
    setDirty(true);
  };
  const setItems = (fn: (items: OffboardingItemTemplate[]) => OffboardingItemTemplate[]) =>
    change((d) => {
      const x = d.templates[ti];
      if (x) x.items = fn(x.items);
    });
  const setItem = (ii: number, patch: Partial<OffboardingItemTemplate>) => setItems((items) => items.map((it, i) => (i === ii ? { ...it, ...patch } : it)));
  const setItemText = (ii: number, field: 'title' | 'guidance', value: string) =>
    setItems((items) => items.map((it, i) => (i === ii ? { ...it, [field]: { ...it[field], [edit]: value } } : it)));
  const err = (path: string) => errors[path];
  const textErr = (path: string) => err(`${path}.${edit}`) ?? (LETTER_LANGS.filter((l) => l !== edit).some((l) => err(`${path}.${l}`)) ? ta('templates.errorOtherLang') : undefined);

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const saved = await saveOffboardingSettings(draft);
      setDraft(structuredClone(saved));
      setDirty(false);
      notifySuccess(ta('templates.saved'));
    } catch (e) {
      const ae = toApiError(e);
      setErrors(ae.fields);
      notifyError(ta('templates.saveFailed'), e);
    } finally {
      setSaving(false);
    }
  };

  const addTemplate = (reason: string) => {
    const other = draft.templates.find((x) => x.reason === 'other');
    change((d) => d.templates.push({ reason, items: structuredClone(other?.items ?? []) }));
    setSel(reason);
  };
  const removeTemplate = () => {
    change((d) => {
      d.templates = d.templates.filter((x) => x.reason !== sel);
    });
    setSel(draft.templates.find((x) => x.reason !== sel)?.reason ?? '');
  };

  const templateErrors = (i: number) => Object.keys(errors).some((k) => k.startsWith(`templates[${i}]`));
  const farewellFields: { key: 'subject' | 'door_open' | 'body'; rows: number }[] = [
    { key: 'subject', rows: 1 },
    { key: 'door_open', rows: 2 },
    { key: 'body', rows: 8 },
  ];

  return (
    <>
      <Anchor component={Link} to="/settings" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {ta('templates.back')}
      </Anchor>
      <PageHeader
        title={ta('templates.title')}
        subtitle={ta('templates.subtitle')}
        actions={
          <>
            {dirty && (
              <Button
                variant="default"
                onClick={() => {
                  setDraft(structuredClone(loaded.data!));
                  setDirty(false);
                  setErrors({});
                }}
              >
                {ta('templates.discard')}
              </Button>
            )}
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={saving} disabled={!dirty} data-testid="templates-save">
              {t('common.save')}
            </Button>
          </>
        }
      />
      {errors['templates'] && (
        <Alert color="red" mb="md">
          {errors['templates']}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Card padding="xs">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} px="xs" mb={4}>
              {ta('templates.reasons')}
            </Text>
            <ScrollArea.Autosize mah={640}>
              {draft.templates.map((x, i) => (
                <NavLink
                  key={x.reason}
                  active={x.reason === sel}
                  label={label(x.reason)}
                  onClick={() => setSel(x.reason)}
                  rightSection={
                    <Badge size="xs" variant={templateErrors(i) ? 'filled' : 'light'} color={templateErrors(i) ? 'red' : 'gray'}>
                      {x.items.length}
                    </Badge>
                  }
                  data-testid={`template-${x.reason}`}
                />
              ))}
            </ScrollArea.Autosize>
            {missingReasons.length > 0 && (
              <Select
                mt="sm"
                size="xs"
                placeholder={ta('templates.addFor')}
                data={missingReasons}
                value={null}
                onChange={(v) => v && addTemplate(v)}
                data-testid="template-add"
              />
            )}
            <Text size="xs" c="dimmed" mt="sm" px="xs">
              {ta('templates.fallback')}
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack>
            <Card>
              <Group justify="space-between" align="flex-end" mb="md">
                <div>
                  <Title order={4} data-testid="template-title">
                    {tpl ? label(tpl.reason) : '—'}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {tpl?.reason === INTENT ? ta('templates.intentHint') : ta('templates.reasonHint')}
                  </Text>
                </div>
                <Group gap="sm" align="flex-end">
                  <Stack gap={2}>
                    <Text size="xs" fw={500}>
                      {ta('templates.editLanguage')}
                    </Text>
                    <SegmentedControl
                      value={edit}
                      onChange={(v) => setEdit(v as LetterLang)}
                      data={LETTER_LANGS.map((l) => ({ value: l, label: ta(`langs.${l}`) }))}
                      data-testid="template-lang"
                    />
                  </Stack>
                  {tpl && tpl.reason !== 'other' && tpl.reason !== INTENT && (
                    <Tooltip label={ta('templates.removeTemplate')}>
                      <ActionIcon variant="subtle" color="red" size="lg" onClick={removeTemplate} aria-label={ta('templates.removeTemplate')}>
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Group>
              {tpl && tpl.items.length === 0 && (
                <Text size="sm" c="dimmed" mb="md">
                  {ta('templates.noItems')}
                </Text>
              )}
              <Stack gap="sm" data-testid="template-items">
                {tpl?.items.map((it, ii) => (
                  <TemplateItemCard
                    key={ii}
                    it={it}
                    ii={ii}
                    count={tpl.items.length}
                    edit={edit}
                    p={`templates[${ti}].items[${ii}]`}
                    err={err}
                    textErr={textErr}
                    onChange={(patch) => setItem(ii, patch)}
                    onText={(field, value) => setItemText(ii, field, value)}
                    onMove={(by) => setItems((l) => moveItem(l, ii, ii + by))}
                    onRemove={() => setItems((l) => l.filter((_, i) => i !== ii))}
                  />
                ))}
              </Stack>
              {tpl && (
                <Button
                  mt="md"
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() =>
                    setItems((l) => [
                      ...l,
                      { key: uniqueKey('step', l.map((x) => x.key)), title: emptyText(), guidance: emptyText(), owner_role: 'csm', due_days: 7, required: false },
                    ])
                  }
                  data-testid="template-item-add"
                >
                  {ta('templates.addItem')}
                </Button>
              )}
            </Card>
            <Card>
              <Title order={5}>{ta('templates.farewell')}</Title>
              <Text size="sm" c="dimmed" mb="sm">
                {ta('templates.farewellHint')}
              </Text>
              <Stack gap="sm">
                {farewellFields.map(({ key, rows }) =>
                  rows === 1 ? (
                    <TextInput
                      key={key}
                      label={ta(`templates.farewell_${key}`)}
                      value={draft.farewell[key][edit]}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        change((d) => {
                          d.farewell[key][edit] = v;
                        });
                      }}
                      error={textErr(`farewell.${key}`)}
                      data-testid={`farewell-${key}`}
                    />
                  ) : (
                    <Textarea
                      key={key}
                      label={ta(`templates.farewell_${key}`)}
                      autosize
                      minRows={rows}
                      maxRows={16}
                      value={draft.farewell[key][edit]}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        change((d) => {
                          d.farewell[key][edit] = v;
                        });
                      }}
                      error={textErr(`farewell.${key}`)}
                      data-testid={`farewell-${key}`}
                    />
                  ),
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
