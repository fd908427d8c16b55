import type { CSSProperties, ReactNode } from 'react';
import { Button, Group, type MantineSize, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** FormFooterProps describe the Cancel and submit buttons under a form. */
export interface FormFooterProps {
  /** submitLabel is the submit button's text (Save, Create, Assign …). */
  submitLabel: string;
  onCancel: () => void;
  /**
   * onSubmit makes the submit button a plain button calling it; without it
   * the button submits the form it sits in.
   */
  onSubmit?: () => void;
  saving?: boolean;
  /** color of the submit button (red for something irreversible). */
  color?: string;
  size?: MantineSize;
  /** hint is shown on the left, e.g. the form's keyboard shortcut. */
  hint?: ReactNode;
  /** sticky keeps the footer at the bottom of a long, scrolling form. */
  sticky?: boolean;
  mt?: MantineSpacing;
  submitTestId?: string;
}

const stickyStyle: CSSProperties = {
  position: 'sticky',
  bottom: 0,
  zIndex: 2,
  background: 'var(--mantine-color-body)',
  borderTop: '1px solid var(--mantine-color-default-border)',
};

/**
 * FormFooter is the one footer of every form: Cancel on the left of the
 * submit button, both at the right edge, with an optional hint at the left.
 */
export function FormFooter({ submitLabel, onCancel, onSubmit, saving, color, size, hint, sticky, mt, submitTestId }: FormFooterProps) {
  const { t } = useTranslation();
  const buttons = (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button variant="default" size={size} onClick={onCancel} data-testid={submitTestId ? `${submitTestId}-cancel` : undefined}>
        {t('common.cancel')}
      </Button>
      <Button
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        loading={saving}
        color={color}
        size={size}
        data-testid={submitTestId}
      >
        {submitLabel}
      </Button>
    </Group>
  );
  return (
    <Group justify={hint ? 'space-between' : 'flex-end'} mt={mt} py={sticky ? 'sm' : undefined} style={sticky ? stickyStyle : undefined}>
      {hint}
      {buttons}
    </Group>
  );
}
