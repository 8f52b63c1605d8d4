// On a dossier's detail: the nonconformities opened from it (linked back), and for a late
// dossier "Tạo sự không phù hợp" in one click, pre-filled from the dossier.
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { useLoad } from '../../../components/use-load';
import { CreateNonconformityDialog } from './create-dialog';
import { NC_CREATORS } from './register';

export function DossierNonconformities({
  dossierId,
  late,
}: {
  readonly dossierId: string;
  /** Returned late, or still open past its appointment. */
  readonly late: boolean;
}) {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const [creating, setCreating] = useState(false);
  const { data } = useLoad(
    useCallback(
      () => api.nonconformities.list({ state: 'all', sourceKind: 'dossier', sourceId: dossierId }),
      [dossierId],
    ),
  );
  const mayCreate = late && (session?.user.roles.some((r) => NC_CREATORS.includes(r)) ?? false);
  const rows = data?.rows ?? [];
  if (rows.length === 0 && !mayCreate) return null;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Sự không phù hợp</Text>
        {mayCreate ? (
          <Button size="xs" color="red" variant="light" onClick={() => setCreating(true)}>
            Tạo sự không phù hợp
          </Button>
        ) : null}
      </Group>
      <Stack gap={4}>
        {rows.map((r) => (
          <Group key={r.id} gap="xs" data-testid="dossier-nc">
            <Anchor
              href={`#/qms/nonconformities/${r.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/qms/nonconformities/${r.id}`);
              }}
            >
              {r.code}
            </Anchor>
            <Badge variant="light" color={r.state === 'closed' ? 'green' : 'orange'}>
              {r.stateLabel}
            </Badge>
          </Group>
        ))}
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            Hồ sơ trễ hạn: ghi nhận sự không phù hợp để phân tích nguyên nhân và khắc phục.
          </Text>
        ) : null}
      </Stack>
      {creating ? (
        <CreateNonconformityDialog
          from={{ sourceKind: 'dossier', sourceId: dossierId }}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </Card>
  );
}
