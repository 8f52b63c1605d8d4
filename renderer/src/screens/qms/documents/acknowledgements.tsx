// Distribution of the revision in force: who has read and understood it (with the date), who
// of the roles it concerns still has to, and the user's own "Tôi đã đọc và hiểu".
import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../../../../core/auth/roles';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { formatDateTime } from '../../../format';

type Acks = NonNullable<DocumentDetail['acknowledgements']>;

const roleNames = (roles: readonly string[]) =>
  roles
    .map((r) => ROLE_LABELS[r as Role])
    .filter(Boolean)
    .join(', ');

export function Acknowledgements({
  acks,
  mine,
  revisionId,
  onChange,
}: {
  readonly acks: Acks;
  readonly mine: boolean;
  readonly revisionId: string;
  readonly onChange: (next: DocumentDetail) => void;
}) {
  const action = useAction();
  const acknowledge = () =>
    void action.run(async () => {
      const next = await api.documents.acknowledge({ revisionId });
      notifyDone('Đã xác nhận đọc và hiểu tài liệu.');
      onChange(next);
    });
  const total = acks.done.length + acks.outstanding.length;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>
          Xác nhận đã đọc{' '}
          <Badge variant="light" data-testid="ack-count">
            {acks.done.length}/{total}
          </Badge>
        </Title>
      </Group>
      {mine ? (
        <Alert color="blue" title="Bạn cần đọc và xác nhận tài liệu này">
          <Group justify="space-between">
            <Text size="sm">Hãy đọc nội dung bên dưới (hoặc tệp đính kèm), rồi xác nhận.</Text>
            <Button color="green" loading={action.busy} onClick={acknowledge}>
              Tôi đã đọc và hiểu
            </Button>
          </Group>
        </Alert>
      ) : null}
      <ErrorAlert error={action.error} />
      <SimpleGrid cols={2}>
        <Stack gap={2} aria-label="Đã đọc" data-testid="ack-done">
          <Text size="sm" fw={600} c="green.8">
            Đã đọc ({acks.done.length})
          </Text>
          {acks.done.map((a) => (
            <Text key={a.userId} size="sm">
              {a.name} — {formatDateTime(a.at)}
            </Text>
          ))}
        </Stack>
        <Stack gap={2} aria-label="Chưa đọc" data-testid="ack-outstanding">
          <Text size="sm" fw={600} c="orange.8">
            Chưa đọc ({acks.outstanding.length})
          </Text>
          {acks.outstanding.map((o) => (
            <Text key={o.userId} size="sm">
              {o.name}{' '}
              <Text span size="xs" c="dimmed">
                ({roleNames(o.roles)})
              </Text>
            </Text>
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
