// The dossier sample of an audit: drawn at random from the audited procedures' dossiers in a
// period; for each, what the app knows (outcome, late steps) and the auditor's three checks,
// saved as they are ticked. A dossier that fails a check can become a finding.
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { AuditDetail } from '../../../../../core/contract/audits';
import {
  SAMPLE_CHECKS,
  type AuditData,
  type SampleCheck,
  type SampleItem,
} from '../../../../../core/qms/audit';
import { OUTCOME_LABELS } from '../../../../../core/desk/types';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { formatDateTime } from '../../../format';

const CHECKS = Object.keys(SAMPLE_CHECKS) as SampleCheck[];
const SHORT: Readonly<Record<SampleCheck, string>> = {
  receivedOk: 'Tiếp nhận',
  stepsOk: 'Các bước',
  formsOk: 'Biểu mẫu',
};

export function SampleCard({
  audit,
  onChange,
  onFinding,
}: {
  readonly audit: AuditDetail;
  readonly onChange: (next: AuditDetail) => void;
  readonly onFinding: (item: SampleItem) => void;
}) {
  const [, navigate] = useLocation();
  const data = audit.record.data as AuditData;
  const [size, setSize] = useState<number | string>(10);
  const [from, setFrom] = useState<string | null>(data.sampleFrom ?? `${data.year}-01-01`);
  const [to, setTo] = useState<string | null>(data.sampleTo ?? data.date);
  const [sample, setSample] = useState(data.sample);
  const action = useAction();
  const working = audit.onTeam && ['approved', 'in_progress'].includes(audit.record.state);
  const draw = () =>
    void action.run(async () => {
      if (!from || !to) throw new Error('Hãy chọn kỳ lấy mẫu.');
      const next = await api.audits.drawSample({
        id: audit.record.id,
        rev: audit.record.rev,
        size: Number(size),
        from,
        to,
      });
      setSample((next.record.data as AuditData).sample);
      onChange(next);
    });
  const tick = (item: SampleItem, patch: Partial<SampleItem>) =>
    void action.run(async () => {
      const next = { ...item, ...patch };
      setSample((all) => all.map((s) => (s.dossierId === item.dossierId ? next : s)));
      await api.audits.checkSample({
        id: audit.record.id,
        dossierId: item.dossierId,
        receivedOk: next.receivedOk,
        stepsOk: next.stepsOk,
        formsOk: next.formsOk,
        note: next.note,
      });
    });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>Kiểm tra hồ sơ mẫu</Text>
        {working ? (
          <Group align="flex-end" gap="xs">
            <NumberInput
              label="Số hồ sơ"
              value={size}
              onChange={setSize}
              min={1}
              max={50}
              w={100}
            />
            <VnDateInput label="Tiếp nhận từ ngày" value={from} onChange={setFrom} w={160} />
            <VnDateInput label="đến ngày" value={to} onChange={setTo} w={160} />
            <Button variant="light" onClick={draw} loading={action.busy}>
              {sample.length ? 'Lấy mẫu lại' : 'Lấy mẫu ngẫu nhiên'}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={action.error} />
        <Text size="xs" c="dimmed">
          Kiểm tra: {CHECKS.map((c) => `${SHORT[c]} — ${SAMPLE_CHECKS[c]}`).join('; ')}.
        </Text>
        {sample.length === 0 ? (
          <Text size="sm" c="dimmed">
            Chưa lấy mẫu hồ sơ.
          </Text>
        ) : (
          <Table verticalSpacing={4} aria-label="Hồ sơ mẫu">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Hồ sơ</Table.Th>
                <Table.Th>Tiếp nhận</Table.Th>
                <Table.Th>Kết quả</Table.Th>
                {CHECKS.map((c) => (
                  <Table.Th key={c}>{SHORT[c]}</Table.Th>
                ))}
                <Table.Th>Ghi chú</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sample.map((s) => (
                <Table.Tr key={s.dossierId} data-testid="sample-row">
                  <Table.Td>
                    <Anchor
                      size="sm"
                      href={`#/dossiers/${s.dossierId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/dossiers/${s.dossierId}`);
                      }}
                    >
                      {s.code}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.procedureName}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(s.receivedAt)}
                  </Table.Td>
                  <Table.Td {...(s.outcome === 'late' || s.lateSteps > 0 ? { c: 'red.7' } : {})}>
                    {s.outcome
                      ? (OUTCOME_LABELS[s.outcome as keyof typeof OUTCOME_LABELS] ?? s.outcome)
                      : 'Đang giải quyết'}
                    <Text size="xs" c="dimmed">
                      {s.lateSteps}/{s.steps} bước trễ
                    </Text>
                  </Table.Td>
                  {CHECKS.map((c) => (
                    <Table.Td key={c}>
                      <Checkbox
                        aria-label={`${SHORT[c]} ${s.code}`}
                        checked={s[c] === true}
                        indeterminate={s[c] === null}
                        color={s[c] === false ? 'red' : s[c] === true ? 'green' : 'gray'}
                        disabled={!working}
                        onChange={() => tick(s, { [c]: s[c] === true ? false : true })}
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Ghi chú ${s.code}`}
                      defaultValue={s.note}
                      disabled={!working}
                      onBlur={(e) =>
                        e.currentTarget.value !== s.note && tick(s, { note: e.currentTarget.value })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {working ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => onFinding(s)}
                      >
                        Ghi phát hiện
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
