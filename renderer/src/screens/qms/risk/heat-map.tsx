// The 5×5 heat map of the live risks: likelihood up the side (5 at the top), impact along the
// bottom, each cell coloured by the level its score falls in (thresholds from the scale) with
// the number of risks in it; a click filters the register to that cell, a second click clears.
import { Box, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import type { RiskScale } from '../../../../../core/qms/risk-scale';
import { levelLabel, riskLevel } from '../../../../../core/qms/risk-scale';
import { levelColor } from './scale';

export interface Cell {
  readonly likelihood: number;
  readonly impact: number;
}

const ROWS = [5, 4, 3, 2, 1];
const COLS = [1, 2, 3, 4, 5];
const SIZE = 54;

export type HeatView = 'current' | 'inherent';

export function HeatMap({
  scale,
  heat,
  view,
  onView,
  selected,
  onSelect,
}: {
  readonly scale: RiskScale;
  /** Counts: heat[likelihood - 1][impact - 1]. */
  readonly heat: readonly (readonly number[])[];
  readonly view: HeatView;
  readonly onView: (v: HeatView) => void;
  readonly selected: Cell | null;
  readonly onSelect: (c: Cell | null) => void;
}) {
  const total = heat.flat().reduce((s, n) => s + n, 0);
  return (
    <Stack gap="xs" aria-label="Bản đồ nhiệt rủi ro">
      <Group justify="space-between">
        <Text fw={600}>Bản đồ rủi ro 5×5</Text>
        <SegmentedControl
          size="xs"
          data={[
            { value: 'current', label: 'Hiện tại' },
            { value: 'inherent', label: 'Trước xử lý' },
          ]}
          value={view}
          onChange={(v) => onView(v)}
        />
      </Group>
      <Group gap={6} align="stretch" wrap="nowrap">
        <Text
          size="xs"
          c="dimmed"
          style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center' }}
        >
          Khả năng xảy ra
        </Text>
        <Box
          style={{
            display: 'grid',
            gridTemplateColumns: `18px repeat(5, ${SIZE}px)`,
            gap: 3,
          }}
        >
          {ROWS.map((l) => [
            <Text key={`l${l}`} size="xs" c="dimmed" ta="right" style={{ alignSelf: 'center' }}>
              {l}
            </Text>,
            ...COLS.map((i) => {
              const n = heat[l - 1]?.[i - 1] ?? 0;
              const level = riskLevel(l * i, scale);
              const color = levelColor(level, scale);
              const on = selected?.likelihood === l && selected.impact === i;
              return (
                <UnstyledButton
                  key={`${l}-${i}`}
                  data-testid={`heat-${l}-${i}`}
                  aria-label={`Khả năng ${l}, ảnh hưởng ${i}: ${n} rủi ro, mức ${levelLabel(level, scale).toLowerCase()}`}
                  aria-pressed={on}
                  onClick={() => onSelect(on ? null : { likelihood: l, impact: i })}
                  style={{
                    height: SIZE,
                    borderRadius: 4,
                    background: `var(--mantine-color-${color}-${n > 0 ? 5 : 1})`,
                    outline: on ? '3px solid var(--mantine-color-indigo-8)' : undefined,
                    outlineOffset: 1,
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                    color: n > 0 ? 'white' : 'var(--mantine-color-gray-6)',
                    fontWeight: 700,
                    fontSize: n > 0 ? 18 : 12,
                  }}
                >
                  {n > 0 ? n : l * i}
                </UnstyledButton>
              );
            }),
          ])}
          <span />
          {COLS.map((i) => (
            <Text key={`i${i}`} size="xs" c="dimmed" ta="center">
              {i}
            </Text>
          ))}
        </Box>
      </Group>
      <Text size="xs" c="dimmed" ta="center" style={{ marginLeft: 24 }}>
        Mức độ ảnh hưởng
      </Text>
      <Group gap="md">
        {scale.levels.map((lv, k) => {
          const next = scale.levels[k + 1];
          return (
            <Group key={lv.key} gap={4}>
              <Box
                w={12}
                h={12}
                style={{ background: `var(--mantine-color-${lv.color}-5)`, borderRadius: 2 }}
              />
              <Text size="xs">
                {lv.label} ({lv.min}–{next ? next.min - 1 : 25} điểm)
              </Text>
            </Group>
          );
        })}
      </Group>
      <Text size="xs" c="dimmed">
        {total} rủi ro đang theo dõi
        {selected ? ' · bấm lại ô đã chọn để bỏ lọc' : ' · bấm một ô để lọc danh sách'}
      </Text>
    </Stack>
  );
}
