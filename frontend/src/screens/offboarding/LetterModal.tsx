import { useEffect, useState } from 'react';
import { ActionIcon, Button, CopyButton, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { farewellLetter, LETTER_LANGS, type LetterLang, type OffboardingChecklist } from '../../api/offboarding';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading } from '../../shell/Page';
import { useOffT } from './i18n';

/** LetterModal shows the farewell letter draft in the customer's language, editable, with Copy buttons. */
export function LetterModal({ opened, checklist, onClose }: { opened: boolean; checklist: OffboardingChecklist; onClose: () => void }) {
  const { ta } = useOffT();
  const [lang, setLang] = useState<LetterLang>(checklist.language);
  const [link, setLink] = useState('');
  const [debouncedLink] = useDebouncedValue(link, 400);
  const letter = useApi(() => (opened ? farewellLetter(checklist.id, lang, debouncedLink.trim() || undefined) : Promise.resolve(undefined)), [opened, checklist.id, lang, debouncedLink]);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  useEffect(() => {
    if (letter.data) {
      setSubject(letter.data.subject);
      setBody(letter.data.body);
    }
  }, [letter.data]);
  useEffect(() => {
    if (opened) setLang(checklist.language);
  }, [opened, checklist.language]);

  return (
    <Modal opened={opened} onClose={onClose} title={ta('letter.title')} size="xl" data-testid="letter-modal">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {ta('letter.language')}
            </Text>
            <SegmentedControl
              value={lang}
              onChange={(v) => setLang(v as LetterLang)}
              data={LETTER_LANGS.map((l) => ({ value: l, label: ta(`langs.${l}`) }))}
              data-testid="letter-lang"
            />
          </Stack>
          <TextInput
            label={ta('letter.exportLink')}
            placeholder="https://…"
            value={link}
            onChange={(e) => setLink(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
            data-testid="letter-link"
          />
        </Group>
        {letter.error && <ErrorNotice error={letter.error} onRetry={letter.reload} />}
        {!letter.data && letter.loading && <Loading />}
        {letter.data && (
          <>
            <Text size="sm" data-testid="letter-to">
              <Text span c="dimmed">
                {ta('letter.to')}:{' '}
              </Text>
              {letter.data.to || ta('letter.noContact')}
            </Text>
            <TextInput
              label={ta('letter.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              data-testid="letter-subject"
              rightSection={
                <CopyButton value={subject}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? ta('letter.copied') : ta('letter.copySubject')}>
                      <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={ta('letter.copySubject')}>
                        {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              }
            />
            <Textarea label={ta('letter.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={10} maxRows={20} data-testid="letter-body" />
            <Text size="xs" c="dimmed">
              {ta('letter.hint')}
            </Text>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {ta('letter.close')}
          </Button>
          <CopyButton value={body}>
            {({ copied, copy }) => (
              <Button
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                disabled={!letter.data}
                data-testid="letter-copy"
              >
                {copied ? ta('letter.copied') : ta('letter.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Modal>
  );
}
