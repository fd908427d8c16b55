import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Progress, ScrollArea, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { downloadBatch, getReport, listDue } from '../../api/qbr';
import { toApiError } from '../../api/errors';
import { saveFile } from '../../native/files';
import { notifySuccess } from '../../shell/notify';
import { type BatchLine, formatBytes, readBatch } from './batch';
import { useQbrT } from './i18n';

type Phase = { kind: 'preparing' } | { kind: 'building'; done: number } | { kind: 'downloading'; loaded: number; total: number } | { kind: 'done'; lines: BatchLine[] } | { kind: 'failed'; message: string };

/** decksOf builds every due QBR of quarter as a deck in the app, into one ZIP like the server's PDF batch. */
async function decksOf(quarter: string, onDone: (n: number) => void, signal: AbortSignal): Promise<Blob> {
  const due = await listDue({ quarter, limit: 500 });
  const { deckZip } = await import('../../deck/batch');
  const raw = await deckZip(
    quarter,
    due.items.map((d) => ({ id: d.account_id, name: d.name, report: () => getReport(d.account_id, quarter) })),
    onDone,
    signal,
  );
  return new Blob([raw as BlobPart], { type: 'application/zip' });
}

/**
 * BatchExport exports every QBR of a quarter in one ZIP: as PDFs the server
 * writes (the progress shows the download) or as decks built here, one by
 * one (the progress counts the accounts); then it shows each account's result.
 */
export function BatchExport({ quarter, count, format = 'pdf', onClose }: { quarter: string; count: number; format?: 'pdf' | 'pptx'; onClose: () => void }) {
  const { ta, t, lang } = useQbrT();
  const [phase, setPhase] = useState<Phase>({ kind: 'preparing' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    abort.current = ctl;
    (async () => {
      try {
        const blob =
          format === 'pptx'
            ? await decksOf(quarter, (n) => setPhase({ kind: 'building', done: n }), ctl.signal)
            : await downloadBatch(
                quarter,
                (p) => {
                  if (p.loaded > 0) setPhase({ kind: 'downloading', loaded: p.loaded, total: p.total });
                },
                ctl.signal,
              );
        const lines = await readBatch(blob);
        if (ctl.signal.aborted) return;
        setPhase({ kind: 'done', lines });
        const res = await saveFile(format === 'pptx' ? `qbr-decks-${quarter}.zip` : `qbr-${quarter}.zip`, blob, 'application/zip');
        if (res?.kind === 'saved') notifySuccess(ta('batch.saved', { path: res.path }));
        if (res?.kind === 'downloaded') notifySuccess(ta('batch.downloaded', { name: res.name }));
      } catch (err) {
        if (ctl.signal.aborted) return;
        const e = toApiError(err);
        setPhase({ kind: 'failed', message: e.code === 'network' ? t('errors.network') : e.message });
      }
    })();
    return () => ctl.abort();
    // Runs once per quarter: a change of language must not restart the export.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [quarter]);

  const busy = phase.kind === 'preparing' || phase.kind === 'building' || phase.kind === 'downloading';
  let value = 100;
  let label = '';
  if (phase.kind === 'preparing') label = format === 'pptx' ? ta('batch.building', { done: 0, count }) : ta('batch.preparing', { count });
  if (phase.kind === 'building') {
    value = count ? Math.min(100, (phase.done / count) * 100) : 100;
    label = ta('batch.building', { done: phase.done, count });
  }
  if (phase.kind === 'downloading') {
    value = phase.total ? Math.min(100, (phase.loaded / phase.total) * 100) : 100;
    label = phase.total
      ? ta('batch.downloadingOf', { size: formatBytes(phase.loaded, lang), total: formatBytes(phase.total, lang) })
      : ta('batch.downloading', { size: formatBytes(phase.loaded, lang) });
  }
  const ok = phase.kind === 'done' ? phase.lines.filter((l) => !l.error).length : 0;
  if (phase.kind === 'done') label = ta('batch.done', { ok, count: phase.lines.length });

  return (
    <Modal opened onClose={() => (busy ? abort.current?.abort() : undefined, onClose())} title={ta('batch.title', { quarter })} size="lg" data-testid="qbr-batch">
      <Stack gap="sm">
        {phase.kind !== 'failed' && (
          <>
            <Progress
              value={value}
              size="lg"
              animated={busy}
              striped={busy}
              color={phase.kind === 'done' && ok < phase.lines.length ? 'yellow' : undefined}
              aria-label={label}
              data-testid="qbr-batch-progress"
            />
            <Text size="sm" data-testid="qbr-batch-label">
              {label}
            </Text>
          </>
        )}
        {phase.kind === 'failed' && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={ta('batch.failed')}>
            {phase.message}
          </Alert>
        )}
        {phase.kind === 'done' && phase.lines.length > 0 && (
          <ScrollArea.Autosize mah={360}>
            <Table fz="sm" verticalSpacing={4} data-testid="qbr-batch-results">
              <Table.Tbody>
                {phase.lines.map((l) => (
                  <Table.Tr key={l.accountId} data-testid="qbr-batch-line">
                    <Table.Td w={28}>
                      <ThemeIcon size="sm" radius="xl" variant="light" color={l.error ? 'red' : 'teal'} aria-label={l.error ? ta('batch.error') : ta('batch.ok')}>
                        {l.error ? <IconX size={12} /> : <IconCheck size={12} />}
                      </ThemeIcon>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/qbr/${l.accountId}/${quarter}`} size="sm" onClick={onClose}>
                        {l.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c={l.error ? 'red' : 'dimmed'}>
                        {l.error || l.file}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button variant={busy ? 'default' : 'filled'} onClick={() => (busy && abort.current?.abort(), onClose())} data-testid="qbr-batch-close">
            {busy ? ta('batch.cancel') : ta('batch.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
