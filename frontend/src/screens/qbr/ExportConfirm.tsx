import { Checkbox, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { QbrReport } from '../../api/qbr';
import { INTERNAL_SECTIONS, emptySections } from '../../deck/build';
import { sectionTitle } from './sectionTitle';
import { useQbrT } from './i18n';
import { FormFooter } from '../../shell/FormFooter';

/** draftedTitle maps a drafted section onto the deck section that shows it. */
const DRAFTED_SECTION = { executive_summary: 'summary', goals: 'goals', kpis: 'value', risks: 'risks' } as const;

const titleOf = sectionTitle;

/**
 * ExportConfirm asks before a report that is not final is exported: it lists
 * the sections left out because they are empty and those still as drafted
 * from the data, and offers the internal sections (health breakdown, loyalty tier), off by
 * default for a customer-facing deck.
 */
export function ExportConfirm({ report, onCancel, onConfirm }: { report: QbrReport | null; onCancel: () => void; onConfirm: (internal: boolean) => void }) {
  const { ta, lang } = useQbrT();
  const [internal, setInternal] = useState(false);
  // Left out: empty sections the report does not keep; internal ones only count when they are exported.
  const keep = new Set(report?.edited.keep ?? []);
  const empty = report ? emptySections(report).filter((k) => k !== 'experiment' && !keep.has(k) && (internal || !INTERNAL_SECTIONS.includes(k))) : [];
  const drafted = report?.edited.drafted ?? [];
  return (
    <Modal opened={!!report} onClose={onCancel} title={ta('export.title')} data-testid="qbr-export-confirm-dialog">
      <Stack gap="sm">
        {empty.length > 0 ? (
          <div>
            <Text size="sm">{ta('export.empty')}</Text>
            <List size="sm" data-testid="qbr-export-empty">
              {empty.map((k) => (
                <List.Item key={k}>{titleOf(k, lang)}</List.Item>
              ))}
            </List>
          </div>
        ) : (
          <Text size="sm">{ta('export.nothingEmpty')}</Text>
        )}
        {drafted.length > 0 && (
          <div>
            <Text size="sm">{ta('export.drafted')}</Text>
            <List size="sm" data-testid="qbr-export-drafted">
              {drafted.map((k) => (
                <List.Item key={k}>{titleOf(DRAFTED_SECTION[k as keyof typeof DRAFTED_SECTION] ?? k, lang)}</List.Item>
              ))}
            </List>
          </div>
        )}
        <Checkbox label={ta('export.internal')} checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} data-testid="qbr-export-internal" />
        <FormFooter submitLabel={ta('export.confirm')} onSubmit={() => onConfirm(internal)} onCancel={onCancel} submitTestId="qbr-export-confirm" />
      </Stack>
    </Modal>
  );
}
