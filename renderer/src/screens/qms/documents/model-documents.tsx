// "Tài liệu mẫu của tỉnh": the model internal procedures the province published (pulled with
// the sync), newest version of each. Adopting one makes it the office's own document with its
// first revision as a draft, opened at once for the usual drafting, review and approval; a
// model the office already has links to its document instead.
import { Anchor, Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatDate } from '../../../format';

function ModelList({ onOpen }: { readonly onOpen: (documentId: string) => void }) {
  const { data, error } = useLoad(useCallback(() => api.models.list({}), []));
  const adopt = useAction();
  const [adopting, setAdopting] = useState<string | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  if (data.length === 0)
    return (
      <Text c="dimmed">
        Chưa có tài liệu mẫu nào: tỉnh chưa công bố, hoặc máy này chưa đồng bộ với tỉnh.
      </Text>
    );
  const take = (code: string) => {
    setAdopting(code);
    void adopt.run(async () => {
      const made = await api.models.adopt({ code });
      notifyDone(`Đã nhận tài liệu mẫu ${code} làm dự thảo của cơ quan.`);
      onOpen(made.document.id);
    });
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Nhận một tài liệu mẫu: cơ quan có tài liệu cùng mã với bản dự thảo lần ban hành 01 theo nội
        dung của tỉnh, để sửa cho phù hợp rồi trình xem xét, phê duyệt.
      </Text>
      <ErrorAlert error={adopt.error} />
      <Table withTableBorder aria-label="Tài liệu mẫu của tỉnh">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Mã</Table.Th>
            <Table.Th>Tên tài liệu mẫu</Table.Th>
            <Table.Th w={90}>Phiên bản</Table.Th>
            <Table.Th w={110}>Ngày công bố</Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((m) => (
            <Table.Tr key={m.code} data-code={m.code}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.code}</Table.Td>
              <Table.Td>
                <Text size="sm">{m.title}</Text>
                {m.note ? (
                  <Text size="xs" c="dimmed">
                    {m.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{m.version}</Table.Td>
              <Table.Td>{formatDate(m.publishedAt)}</Table.Td>
              <Table.Td>
                {m.documentId ? (
                  <Stack gap={2} align="flex-start">
                    <Badge variant="light" color="green">
                      Cơ quan đã có
                    </Badge>
                    <Anchor size="sm" component="button" onClick={() => onOpen(m.documentId!)}>
                      Mở tài liệu
                    </Anchor>
                  </Stack>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    loading={adopt.busy && adopting === m.code}
                    disabled={adopt.busy && adopting !== m.code}
                    onClick={() => take(m.code)}
                    aria-label={`Nhận ${m.code} làm dự thảo`}
                  >
                    Nhận làm dự thảo
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function ModelDocuments() {
  const [opened, setOpened] = useState(false);
  const [, navigate] = useLocation();
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        Tài liệu mẫu của tỉnh
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Tài liệu mẫu của tỉnh"
        size="xl"
      >
        {opened ? (
          <ModelList
            onOpen={(id) => {
              setOpened(false);
              navigate(`/qms/documents/${id}`);
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
