// The 5×5 scale on screen: a likelihood or impact picked 1-5 with the scale's words, a score
// with its level badge (colours and thresholds from the scale, data), and the two pickers
// together with the score they make (used by the create dialog and the transitions).
import { Badge, Group, Input, SegmentedControl, Stack, Text } from '@mantine/core';
import {
  DEFAULT_RISK_SCALE,
  levelLabel,
  riskLevel,
  type RiskLevel,
  type RiskScale,
} from '../../../../../core/qms/risk-scale';
import type { TransitionFields } from '../transition-dialog';

const POINTS = ['1', '2', '3', '4', '5'];

export function levelColor(level: RiskLevel, scale: RiskScale = DEFAULT_RISK_SCALE): string {
  return scale.levels.find((l) => l.key === level)?.color ?? 'gray';
}

export function LevelBadge({
  score,
  scale = DEFAULT_RISK_SCALE,
}: {
  readonly score: number;
  readonly scale?: RiskScale;
}) {
  const level = riskLevel(score, scale);
  return (
    <Badge color={levelColor(level, scale)} variant="filled" style={{ minWidth: 'max-content' }}>
      {score} · {levelLabel(level, scale)}
    </Badge>
  );
}

function PointPicker({
  label,
  steps,
  value,
  onChange,
}: {
  readonly label: string;
  readonly steps: RiskScale['likelihood'];
  readonly value: number;
  readonly onChange: (v: number) => void;
}) {
  const step = steps.find((s) => s.value === value);
  return (
    <Input.Wrapper label={label}>
      <Stack gap={2}>
        <SegmentedControl
          aria-label={label}
          data={POINTS}
          value={String(value)}
          onChange={(v) => onChange(Number(v))}
        />
        <Text size="xs" c="dimmed">
          {step ? `${step.label}: ${step.hint}` : ''}
        </Text>
      </Stack>
    </Input.Wrapper>
  );
}

/** Likelihood and impact side by side, with the score they make. */
export function ScorePicker({
  likelihood,
  impact,
  onChange,
  words = { likelihood: 'Khả năng xảy ra', impact: 'Mức độ ảnh hưởng' },
}: {
  readonly likelihood: number;
  readonly impact: number;
  readonly onChange: (next: { likelihood: number; impact: number }) => void;
  readonly words?: { readonly likelihood: string; readonly impact: string };
}) {
  const scale = DEFAULT_RISK_SCALE;
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <PointPicker
          label={words.likelihood}
          steps={scale.likelihood}
          value={likelihood}
          onChange={(v) => onChange({ likelihood: v, impact })}
        />
        <PointPicker
          label={words.impact}
          steps={scale.impact}
          value={impact}
          onChange={(v) => onChange({ likelihood, impact: v })}
        />
      </Group>
      <Group gap="xs">
        <Text size="sm">
          Điểm = {likelihood} × {impact} =
        </Text>
        <LevelBadge score={likelihood * impact} />
      </Group>
    </Stack>
  );
}

/** The transition dialog's fields for a new assessment (evaluate, review). */
export function scoreFields(
  likelihood: number,
  impact: number,
  words?: { readonly likelihood: string; readonly impact: string },
): TransitionFields {
  return {
    initial: { likelihood, impact },
    render: (value, set) => (
      <ScorePicker
        likelihood={Number(value['likelihood'])}
        impact={Number(value['impact'])}
        onChange={set}
        {...(words ? { words } : {})}
      />
    ),
  };
}
