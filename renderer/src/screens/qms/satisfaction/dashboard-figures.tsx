// The citizens' satisfaction beside the on-time figures on the desk dashboard: satisfied /
// rated and the QĐ 766/QĐ-TTg ratio of this month and this year, as the objectives compute
// them (core/qms/indicators.ts).
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { SatisfactionFigures } from '../../../../../core/contract/satisfaction';
import { api } from '../../../api/client';
import { useLoad } from '../../../components/use-load';
import { formatCount } from '../../../format';

const pct = (v: number | null) =>
  v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

function Figure({
  label,
  testId,
  value,
  detail,
}: {
  readonly label: string;
  readonly testId: string;
  readonly value: number | null;
  readonly detail: string;
}) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c="teal.8" data-testid={testId}>
        {pct(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Card>
  );
}

function Period({ name, f }: { readonly name: string; readonly f: SatisfactionFigures }) {
  return (
    <>
      <Figure
        label={`Người dân hài lòng ${name}`}
        testId={`satisfaction-${name === 'tháng này' ? 'month' : 'year'}`}
        value={f.satisfaction.value}
        detail={`${formatCount(f.satisfaction.numerator)}/${formatCount(f.satisfaction.denominator)} lượt đánh giá là hài lòng`}
      />
      <Figure
        label={`Tỷ lệ hài lòng theo QĐ 766 ${name}`}
        testId={`qd766-${name === 'tháng này' ? 'month' : 'year'}`}
        value={f.qd766.value}
        detail={`${formatCount(f.qd766.numerator)}/${formatCount(f.qd766.denominator)} hồ sơ đúng hạn, không bị phản ánh hay không hài lòng`}
      />
    </>
  );
}

export function SatisfactionFiguresRow() {
  const { data } = useLoad(useCallback(() => api.ratings.figures({}), []));
  if (!data) return null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} aria-label="Sự hài lòng của người dân">
      <Period name="tháng này" f={data.month} />
      <Period name="năm nay" f={data.year} />
    </SimpleGrid>
  );
}
