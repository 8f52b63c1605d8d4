// One procedure as the catalog holds it: the version in force (or an older one), with legal
// basis, documents, fees, time limit and the ISO step table.
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { FeeRule, ProcedureVersion } from '../../../../core/catalog/schema';
import { api } from '../../api/client';
import { useLoad } from '../../components/use-load';
import { civilDateOf, formatCivilDate, formatVnd } from '../../format';
import { formatHours, roleLabel } from './dossier-history';
import { CHANNEL_LABELS } from './receive-appointment';

function feeText(f: FeeRule): string {
  switch (f.kind) {
    case 'flat':
      return formatVnd(f.amountVnd);
    case 'per_unit':
      return `${formatVnd(f.amountVnd)} / ${f.unit}`;
    case 'per_page': {
      const tiers = f.tiers.map((t) => `từ trang ${t.fromPage}: ${formatVnd(t.amountVnd)}/trang`);
      const cap = f.maxPerCopyVnd === null ? '' : `; tối đa ${formatVnd(f.maxPerCopyVnd)}/bản`;
      return tiers.join('; ') + cap;
    }
    default: {
      const never: never = f;
      return never;
    }
  }
}

function VersionBody({ v }: { readonly v: ProcedureVersion }) {
  const limit =
    v.timeLimit.unit === 'working_hours'
      ? `${v.timeLimit.value} giờ làm việc`
      : v.timeLimit.value === 0
        ? 'Trong ngày'
        : `${v.timeLimit.value} ngày làm việc`;
  return (
    <Stack>
      <Card withBorder>
        <Group gap="xl" mb="sm">
          <Text size="sm">
            <b>Thời hạn:</b> {limit}
            {v.cutoff ? ` (nhận sau ${v.cutoff} trả ngày làm việc tiếp theo)` : ''}
          </Text>
          <Text size="sm">
            <b>Hình thức nộp:</b> {v.channel.map((c) => CHANNEL_LABELS[c]).join(', ')}
          </Text>
          <Text size="sm">
            <b>Nơi trả kết quả:</b> {v.resultCollection}
          </Text>
        </Group>
        {v.timeLimit.note ? (
          <Text size="sm" c="dimmed" mb="sm">
            {v.timeLimit.note}
          </Text>
        ) : null}
        <Text fw={600}>Căn cứ pháp lý</Text>
        <List size="sm">
          {v.legalBasis.map((l) => (
            <List.Item key={l}>{l}</List.Item>
          ))}
        </List>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Thành phần hồ sơ
        </Text>
        <Table withTableBorder striped aria-label="Thành phần hồ sơ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tên giấy tờ</Table.Th>
              <Table.Th ta="right">Bản chính</Table.Th>
              <Table.Th ta="right">Bản sao CT</Table.Th>
              <Table.Th ta="right">Bản sao</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.documents.map((d) => (
              <Table.Tr key={d.name}>
                <Table.Td>
                  <Text size="sm">
                    {d.name}{' '}
                    {d.required ? null : (
                      <Badge size="xs" color="gray" variant="light">
                        nếu có
                      </Badge>
                    )}
                  </Text>
                  {d.note ? (
                    <Text size="xs" c="dimmed">
                      {d.note}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{d.original}</Table.Td>
                <Table.Td ta="right">{d.certifiedCopy}</Table.Td>
                <Table.Td ta="right">{d.copy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Phí, lệ phí
        </Text>
        {v.fees.length === 0 ? <Text size="sm">Không thu phí, lệ phí.</Text> : null}
        {v.fees.map((f) => (
          <Group key={f.id} justify="space-between" wrap="nowrap" align="flex-start" mb={4}>
            <div>
              <Text size="sm">{f.name}</Text>
              <Text size="xs" c="dimmed">
                {[f.condition, f.note].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Text size="sm" ta="right">
              {feeText(f)}
            </Text>
          </Group>
        ))}
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Quy trình ISO (các bước giải quyết)
        </Text>
        <Table withTableBorder striped aria-label="Các bước giải quyết">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50}>Bước</Table.Th>
              <Table.Th>Nội dung công việc</Table.Th>
              <Table.Th>Trách nhiệm</Table.Th>
              <Table.Th>Thời gian</Table.Th>
              <Table.Th>Biểu mẫu/kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.steps.map((s) => (
              <Table.Tr key={s.no} data-step={s.no} data-role={s.role}>
                <Table.Td>{s.no}</Table.Td>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{roleLabel(s.role)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatHours(s.hours)}</Table.Td>
                <Table.Td>{s.output}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

export function CatalogDetailScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const { data, error } = useLoad(useCallback(() => api.catalog.get({ id }), [id]));
  const [chosen, setChosen] = useState<string | null>(null);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return null;
  const today = civilDateOf(Date.now());
  const inForce = data.versions.filter((v) => v.effectiveFrom <= today).pop() ?? data.versions[0];
  const shown = data.versions.find((v) => v.id === chosen) ?? inForce;
  const p = data.procedure;
  return (
    <Stack>
      <Anchor
        size="sm"
        href="#/catalog"
        onClick={(e) => {
          e.preventDefault();
          navigate('/catalog');
        }}
      >
        ← Danh mục thủ tục
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Title order={2}>{p.name}</Title>
          <Text c="dimmed">
            {p.code} · {p.isoCode} · {p.field}
          </Text>
        </div>
        <Select
          label="Phiên bản"
          data={data.versions.map((v) => ({
            value: v.id,
            label: `Phiên bản ${v.version} — hiệu lực từ ${formatCivilDate(v.effectiveFrom)}${v.id === inForce?.id ? ' (đang áp dụng)' : ''}`,
          }))}
          value={shown?.id ?? null}
          onChange={setChosen}
          allowDeselect={false}
          w={460}
          style={{ flexShrink: 0 }}
          comboboxProps={{ width: 'target' }}
        />
      </Group>
      {shown ? <VersionBody v={shown.body} /> : <Text c="dimmed">Chưa có phiên bản nào.</Text>}
    </Stack>
  );
}
