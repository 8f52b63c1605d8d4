// The year a yearly list shows (the audit programme, the management reviews): next year, this
// year and the two before, with a line saying what each row of the list is.
import { Card, Group, Select, Text } from '@mantine/core';

export function YearFilterCard(props: {
  readonly label: string;
  readonly year: number;
  readonly thisYear: number;
  readonly onChange: (year: number) => void;
  readonly hint: string;
}) {
  const { thisYear } = props;
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map(String);
  return (
    <Card withBorder>
      <Group align="flex-end">
        <Select
          label={props.label}
          data={years}
          value={String(props.year)}
          onChange={(v) => v && props.onChange(Number(v))}
          allowDeselect={false}
          w={160}
        />
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
      </Group>
    </Card>
  );
}
