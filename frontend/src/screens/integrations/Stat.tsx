import { Paper, Text } from '@mantine/core';

/** Stat is one labelled figure in a row of figures. */
export function Stat({ label, value, color, hint, testId }: { label: string; value: string; color?: string; hint?: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" title={hint}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
