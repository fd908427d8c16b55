import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Progress, Select, SimpleGrid, Stack, Stepper, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconCheck, IconFileCheck } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import {
  ACCOUNT_KEYS,
  KINDS,
  PRESETS,
  inspectFile,
  listMappings,
  runImport,
  type AccountKey,
  type Catalog,
  type ImportMode,
  type MatchRule,
  type ImportKind,
  type ImportReport,
  type PresetName,
  type Preview,
} from '../../api/integrations';
import { ApiError, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { notifyError } from '../../shell/notify';
import { useIntT } from './i18n';
import { FileDrop } from './FileDrop';
import { MappingStep } from './MappingStep';
import { DryRunStep } from './DryRunStep';
import { ResultStep } from './ResultStep';
import { AccountMatchOptions, RejectedChoice } from './AccountChoices';
import { ValueTablesCard, type ValueTable } from './ValueTables';
import { applySaved, autoMap, fieldsOf, mappingFieldErrors, presetMapping, requestMapping, type Mapping } from './mapping';
import { percent } from './format';

/** Progress is an upload under way: the uploaded fraction, then the server's work. */
export interface UploadState {
  fraction: number;
  what: 'check' | 'import';
}

/** PARTIAL_KINDS can import their valid rows and hand the rejected ones back as a CSV. */
const PARTIAL_KINDS: ImportKind[] = ['accounts', 'contacts', 'nps', 'churn'];

/** ImportWizard leads through file, mapping, dry run and import. */
export function ImportWizard({ catalog, onImported, onShowHistory }: { catalog: Catalog; onImported: () => void; onShowHistory: () => void }) {
  const { ta } = useIntT();
  const navigate = useNavigate();
  const saved = useApi(() => listMappings(), []);
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('accounts');
  const [preset, setPreset] = useState<PresetName>('hubspot');
  const [savedId, setSavedId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [accountKey, setAccountKey] = useState<AccountKey>('external_id');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [mode, setMode] = useState<ImportMode>('all');
  const [match, setMatch] = useState<MatchRule>('external_id');
  const [currency, setCurrency] = useState<string | null>(null);
  const [values, setValues] = useState<ValueTable>({});

  const fields = useMemo(() => fieldsOf(catalog, kind), [catalog, kind]);
  const fieldNames = useMemo(() => fields.map((f) => f.field), [fields]);
  const hasAccount = fieldNames.includes('account');
  const savedForKind = (saved.data?.items ?? []).filter((m) => m.kind === kind);
  const chosenSaved = savedForKind.find((m) => String(m.id) === savedId);

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setReport(null);
    setResult(null);
    setMapping({});
    setMappingErrors({});
    setFailure(undefined);
    setMode('all');
    setValues({});
  };

  const mapFor = (p: Preview, keepCurrent: boolean): Mapping => {
    if (keepCurrent) {
      const kept: Mapping = {};
      for (const f of fieldNames) kept[f] = mapping[f] && p.header.includes(mapping[f]) ? mapping[f] : '';
      return kept;
    }
    if (chosenSaved) return applySaved(p.header, fieldNames, chosenSaved);
    return autoMap(p.header, fieldNames, presetMapping(catalog, preset, kind));
  };

  const toMapping = async () => {
    if (!file) {
      setFileError(ta('wizard.fileRequired'));
      return;
    }
    setInspecting(true);
    setFailure(undefined);
    try {
      const p = await inspectFile(file);
      setPreview(p);
      setMapping(mapFor(p, false));
      setValues(chosenSaved?.values ?? {});
      setMappingErrors({});
      const presetKey = catalog.presets.find((x) => x.name === preset)?.account_key ?? 'external_id';
      setAccountKey(chosenSaved?.account_key ?? (preset === 'generic' && kind !== 'accounts' ? 'domain' : presetKey));
      setStep(1);
    } catch (err) {
      setFileError(toApiError(err).message);
    } finally {
      setInspecting(false);
    }
  };

  // Kinds whose valid rows can be imported on their own, the rejected ones handed back.
  const partial = PARTIAL_KINDS.includes(kind);
  const options = (dryRun: boolean, f: File, v: ValueTable = values) => ({
    preset,
    mapping: requestMapping(mapping, fieldNames),
    account_key: hasAccount ? accountKey : undefined,
    dry_run: dryRun,
    file_name: f.name,
    ...(kind === 'accounts' ? { mode, match, currency: currency ?? undefined, values: Object.keys(v).length > 0 ? v : undefined } : partial ? { mode } : {}),
  });
  const accounts = kind === 'accounts';
  const validRows = report ? report.rows - (partial ? report.rejected : 0) : 0;
  const canImport = report !== null && report.rows > 0 && (report.errors.length === 0 || (partial && mode === 'valid' && validRows > 0));

  // The server allows one import at a time; say so in the user's language.
  const failureText = (e: ApiError) => (e.code === 'too_many_requests' ? ta('wizard.busy') : e.message);

  const check = async (f: File = file!, m: Mapping = mapping, v: ValueTable = values) => {
    setFailure(undefined);
    setMappingErrors({});
    setUpload({ fraction: 0, what: 'check' });
    try {
      const rep = await runImport(kind, f, { ...options(true, f, v), mapping: requestMapping(m, fieldNames) }, (fraction) => setUpload({ fraction, what: 'check' }));
      setReport(rep);
      setStep(2);
      onImported();
    } catch (err) {
      const e = toApiError(err);
      const byField = e instanceof ApiError ? mappingFieldErrors(e.fields) : {};
      if (Object.keys(byField).length > 0) {
        setMappingErrors(byField);
        setStep(1);
      } else setFailure(failureText(e));
    } finally {
      setUpload(null);
    }
  };

  const replaceFile = async (f: File) => {
    setFile(f);
    try {
      const p = await inspectFile(f);
      setPreview(p);
      const m = mapFor(p, true);
      setMapping(m);
      await check(f, m);
    } catch (err) {
      setFailure(failureText(toApiError(err)));
    }
  };

  const doImport = async () => {
    if (!file) return;
    setFailure(undefined);
    setStep(3);
    setUpload({ fraction: 0, what: 'import' });
    try {
      const rep = await runImport(kind, file, options(false, file), (fraction) => setUpload({ fraction, what: 'import' }));
      setResult(rep);
      if (rep.errors.length > 0 && !rep.run_id) {
        setReport(rep);
        setStep(2);
      }
      onImported();
    } catch (err) {
      notifyError(ta('wizard.importFailed'), err);
      setFailure(failureText(toApiError(err)));
      setStep(2);
    } finally {
      setUpload(null);
    }
  };

  const busy = upload !== null || inspecting;
  const goTo = (s: number) => {
    if (!busy && s < step && step !== 3) setStep(s);
  };

  return (
    <Stack>
      <Stepper active={step} onStepClick={goTo} allowNextStepsSelect={false} size="sm" data-testid="import-stepper">
        <Stepper.Step label={ta('wizard.step1')} description={ta('wizard.step1Hint')}>
          <Stack mt="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={ta('wizard.kind')}
                description={ta('wizard.kindHint')}
                value={kind}
                allowDeselect={false}
                data={KINDS.map((k) => ({ value: k, label: ta(`kinds.${k}`) }))}
                onChange={(v) => {
                  if (!v) return;
                  setKind(v as ImportKind);
                  setSavedId(null);
                }}
                data-testid="import-kind"
              />
              <Select
                label={ta('wizard.preset')}
                description={ta('wizard.presetHint')}
                value={preset}
                allowDeselect={false}
                data={PRESETS.map((p) => ({ value: p, label: ta(`presets.${p}`) }))}
                onChange={(v) => v && setPreset(v as PresetName)}
                data-testid="import-preset"
              />
              <Select
                label={ta('wizard.savedMapping')}
                description={savedForKind.length ? ta('wizard.savedMappingHint') : ta('wizard.noSavedMappings')}
                placeholder={ta('wizard.savedMappingNone')}
                value={savedId}
                clearable
                disabled={savedForKind.length === 0}
                data={savedForKind.map((m) => ({ value: String(m.id), label: m.name }))}
                onChange={setSavedId}
                data-testid="import-saved"
              />
            </SimpleGrid>
            {preset !== 'generic' && !catalog.presets.find((p) => p.name === preset)?.mappings[kind] && (
              <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
                {ta('wizard.presetLacksKind', { preset: ta(`presets.${preset}`), kind: ta(`kinds.${kind}`) })}
              </Alert>
            )}
            <FileDrop
              file={file}
              error={fileError}
              onFile={(f) => {
                setFile(f);
                setFileError(undefined);
              }}
            />
            <Text size="xs" c="dimmed">
              {ta('wizard.fileFormats')}
            </Text>
            <Group justify="flex-end">
              <Button rightSection={<IconArrowRight size={16} />} onClick={toMapping} loading={inspecting} data-testid="import-next">
                {ta('wizard.toMapping')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step label={ta('wizard.step2')} description={ta('wizard.step2Hint')}>
          {preview && (
            <Stack mt="md">
              <MappingStep
                kind={kind}
                preview={preview}
                fields={fields}
                mapping={mapping}
                errors={mappingErrors}
                onChange={(m) => {
                  setMapping(m);
                  setMappingErrors({});
                }}
                accountKey={hasAccount ? accountKey : undefined}
                accountKeys={ACCOUNT_KEYS}
                onAccountKey={setAccountKey}
                values={accounts ? values : undefined}
                onSaved={(m) => {
                  saved.reload();
                  setSavedId(String(m.id));
                }}
              />
              {accounts && <AccountMatchOptions match={match} currency={currency} onMatch={setMatch} onCurrency={setCurrency} />}
              {upload && <UploadBar upload={upload} />}
              {failure && (
                <Alert color="red" icon={<IconAlertTriangle size={16} />}>
                  {failure}
                </Alert>
              )}
              <Group justify="space-between">
                <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(0)} disabled={busy}>
                  {ta('wizard.back')}
                </Button>
                <Button leftSection={<IconFileCheck size={16} />} onClick={() => check()} loading={upload !== null} data-testid="import-check">
                  {ta('wizard.check')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label={ta('wizard.step3')} description={ta('wizard.step3Hint')}>
          {report && (
            <Stack mt="md">
              <DryRunStep report={report} kind={kind} onReplace={replaceFile} busy={busy} />
              {accounts && (
                <ValueTablesCard
                  key={JSON.stringify(values)}
                  report={report}
                  values={values}
                  busy={busy}
                  onApply={(v) => {
                    setValues(v);
                    void check(file!, mapping, v);
                  }}
                />
              )}
              {partial && report.rejected > 0 && <RejectedChoice report={report} mode={mode} onMode={setMode} fileName={file?.name ?? 'import.csv'} />}
              {upload && <UploadBar upload={upload} />}
              {failure && (
                <Alert color="red" icon={<IconAlertTriangle size={16} />}>
                  {failure}
                </Alert>
              )}
              <Group justify="space-between">
                <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(1)} disabled={busy}>
                  {ta('wizard.backToMapping')}
                </Button>
                <Button
                  color="teal"
                  leftSection={<IconCheck size={16} />}
                  disabled={!canImport || busy}
                  onClick={doImport}
                  data-testid="import-run"
                >
                  {report.errors.length > 0 ? ta('wizard.importValid', { count: validRows }) : ta('wizard.importRows', { count: report.rows })}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label={ta('wizard.step4')} description={ta('wizard.step4Hint')}>
          <Stack mt="md">
            {upload && <UploadBar upload={upload} />}
            {result && !upload && (
              <ResultStep
                report={result}
                kind={kind}
                fileName={file?.name ?? ''}
                onAnother={reset}
                onHistory={onShowHistory}
                onAccounts={() => navigate('/accounts')}
              />
            )}
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}

/** UploadBar shows how much of the file has gone up, then that the server is working. */
function UploadBar({ upload }: { upload: UploadState }) {
  const { ta } = useIntT();
  const done = upload.fraction >= 1;
  const label = done ? ta(upload.what === 'check' ? 'progress.checking' : 'progress.importing') : ta('progress.uploading', { percent: percent(upload.fraction) });
  return (
    <Stack gap={4} data-testid="import-progress">
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        {!done && <Badge variant="light">{percent(upload.fraction)}%</Badge>}
      </Group>
      <Progress value={done ? 100 : percent(upload.fraction)} striped={done} animated={done} size="lg" aria-label={label} />
    </Stack>
  );
}
