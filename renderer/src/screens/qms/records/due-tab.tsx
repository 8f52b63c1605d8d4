// "Hồ sơ đến hạn hủy": dossiers whose retention has run out, by procedure and year closed.
// The records clerk or the ISO secretary picks groups and proposes their disposal; a leader
// decides it on the decision's screen (which erases the citizens' personal data).
import { Alert, Button, Checkbox, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { DueGroup } from '../../../../../core/contract/records-control';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { TextareaField } from '../../../components/fields';
import { GuardedForm } from '../../../components/guarded-form';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { retentionText } from './retention';

const PROPOSERS = ['leader', 'iso_coordinator', 'records_clerk'];
const keyOf = (g: Pick<DueGroup, 'procedureId' | 'closedYear'>) =>
  `${g.procedureId}/${g.closedYear}`;

function ProposeDialog({
  groups,
  onClose,
}: {
  readonly groups: readonly DueGroup[];
  readonly onClose: () => void;
}) {
  const [, navigate] = useLocation();
  const [basis, setBasis] = useState('');
  const [method, setMethod] = useState('');
  const action = useAction();
  const total = groups.reduce((s, g) => s + g.count, 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const proposal = await api.disposals.propose({
        groups: groups.map((g) => ({ procedureId: g.procedureId, closedYear: g.closedYear })),
        basis,
        method,
      });
      notifyDone(`Đã trình lãnh đạo đề nghị hủy ${total.toLocaleString('vi-VN')} hồ sơ.`);
      navigate(`/qms/disposals/${proposal.id}`);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Đề nghị hủy hồ sơ hết thời hạn lưu" size="lg">
      <GuardedForm onSubmit={submit} aria-label="Đề nghị hủy hồ sơ">
        <Stack gap="sm">
          <Text size="sm">
            {groups.length} nhóm, {total.toLocaleString('vi-VN')} hồ sơ. Khi lãnh đạo quyết định
            hủy, thông tin cá nhân của người dân trong các hồ sơ này (họ tên, số giấy tờ, địa chỉ,
            điện thoại, tệp scan) bị xóa vĩnh viễn; số liệu thống kê được giữ nguyên.
          </Text>
          <ErrorAlert error={action.error} />
          <TextareaField
            label="Căn cứ hủy"
            placeholder="VD: Danh mục hồ sơ năm 2026 đã được phê duyệt; Luật Lưu trữ 2024"
            autosize
            minRows={2}
            value={basis}
            onChange={(e) => setBasis(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextareaField
            label="Phương pháp hủy"
            placeholder="VD: Xóa dữ liệu cá nhân trên phần mềm; hủy bản giấy bằng máy hủy tài liệu"
            autosize
            minRows={1}
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value)}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              Trình đề nghị hủy
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

export function DueTab() {
  const { session } = useSession();
  const { data, error } = useLoad(useCallback(() => api.records.due({}), []));
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [proposing, setProposing] = useState(false);
  const mayPropose = session?.user.roles.some((r) => PROPOSERS.includes(r)) ?? false;
  const groups = data?.groups ?? [];
  const chosen = groups.filter((g) => picked.has(keyOf(g)));
  const toggle = (g: DueGroup) => {
    const next = new Set(picked);
    if (next.has(keyOf(g))) next.delete(keyOf(g));
    else next.add(keyOf(g));
    setPicked(next);
  };
  return (
    <Stack>
      <ErrorAlert error={error} />
      {data && groups.length === 0 ? (
        <Alert color="gray">
          Đến ngày {formatCivilDate(data.today)} không có hồ sơ nào hết thời hạn lưu.
        </Alert>
      ) : null}
      {groups.length > 0 ? (
        <>
          <Group justify="space-between">
            <Text size="sm">
              {data?.total.toLocaleString('vi-VN')} hồ sơ hết thời hạn lưu đến ngày{' '}
              {data ? formatCivilDate(data.today) : ''}, chưa có quyết định hủy.
            </Text>
            {mayPropose ? (
              <Button color="red" disabled={chosen.length === 0} onClick={() => setProposing(true)}>
                Đề nghị hủy ({chosen.reduce((s, g) => s + g.count, 0).toLocaleString('vi-VN')} hồ
                sơ)
              </Button>
            ) : null}
          </Group>
          <Table striped aria-label="Hồ sơ đến hạn hủy">
            <Table.Thead>
              <Table.Tr>
                {mayPropose ? (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Chọn tất cả"
                      checked={chosen.length === groups.length}
                      indeterminate={chosen.length > 0 && chosen.length < groups.length}
                      onChange={() =>
                        setPicked(
                          chosen.length === groups.length ? new Set() : new Set(groups.map(keyOf)),
                        )
                      }
                    />
                  </Table.Th>
                ) : null}
                <Table.Th>Thủ tục</Table.Th>
                <Table.Th>Năm kết thúc</Table.Th>
                <Table.Th>Thời hạn lưu</Table.Th>
                <Table.Th>Lưu đến hết ngày</Table.Th>
                <Table.Th>Số hồ sơ</Table.Th>
                <Table.Th>Từ mã — đến mã</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={keyOf(g)} data-testid="due-group">
                  {mayPropose ? (
                    <Table.Td>
                      <Checkbox
                        aria-label={`Chọn ${g.procedureName} năm ${g.closedYear}`}
                        checked={picked.has(keyOf(g))}
                        onChange={() => toggle(g)}
                      />
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    {g.procedureName}
                    <Text size="xs" c="dimmed">
                      {g.procedureCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.closedYear}</Table.Td>
                  <Table.Td>{retentionText(g.retentionYears)}</Table.Td>
                  <Table.Td>{formatCivilDate(g.retainUntil)}</Table.Td>
                  <Table.Td>{g.count.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs">{g.firstCode}</Text>
                    <Text size="xs">{g.lastCode}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      {proposing ? <ProposeDialog groups={chosen} onClose={() => setProposing(false)} /> : null}
    </Stack>
  );
}
