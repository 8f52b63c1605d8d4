// The visiting auditor's findings on another office's audit: listed (removable while theirs)
// and written with type, clause, what was found, the evidence seen, and the checklist question
// or sampled dossier it came from. They reach the audited office with the results file.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { VisitDetail } from '../../../../../core/contract/audit-pack';
import {
  FINDING_TYPE_LABELS,
  FINDING_TYPES,
  type FindingType,
} from '../../../../../core/qms/finding';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useAction } from '../../../components/use-action';

const TYPES = FINDING_TYPES.map((t) => ({ value: t, label: FINDING_TYPE_LABELS[t] }));

export function VisitFindings({
  v,
  onChange,
}: {
  readonly v: VisitDetail;
  readonly onChange: (next: VisitDetail) => void;
}) {
  const action = useAction();
  const [type, setType] = useState<FindingType>('observation');
  const [clause, setClause] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [evidence, setEvidence] = useState('');
  const [dossierId, setDossierId] = useState<string | null>(null);
  const clauses = [...new Set(v.pack.checklist.map((i) => i.clause))].map((c) => ({
    value: c,
    label: `${c} ${v.pack.clauseTitles[c] ?? ''}`,
  }));
  const add = () =>
    void action.run(async () => {
      if (!clause) throw new Error('Hãy chọn điều khoản của phát hiện.');
      const next = await api.visits.saveFinding({
        id: v.row.id,
        type,
        clause,
        description,
        evidence,
        dossierId,
      });
      setDescription('');
      setEvidence('');
      setDossierId(null);
      onChange(next);
    });
  const remove = (ref: string) =>
    void action.run(async () => {
      onChange(await api.visits.removeFinding({ id: v.row.id, ref }));
    });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        Các phát hiện ({v.work.findings.length})
      </Text>
      <Stack gap={6}>
        {v.work.findings.map((f) => (
          <Group key={f.ref} justify="space-between" wrap="nowrap" data-testid="visit-finding">
            <Stack gap={0}>
              <Group gap={6}>
                <Badge size="sm" variant="light" color={f.type.endsWith('_nc') ? 'red' : 'blue'}>
                  {FINDING_TYPE_LABELS[f.type]}
                </Badge>
                <Text size="sm">
                  Điều {f.clause}: {f.description}
                </Text>
              </Group>
              {f.evidence ? (
                <Text size="xs" c="dimmed">
                  Bằng chứng: {f.evidence}
                </Text>
              ) : null}
            </Stack>
            {v.mayEdit ? (
              <Anchor
                size="xs"
                c="red"
                component="button"
                type="button"
                onClick={() => remove(f.ref)}
              >
                Xóa
              </Anchor>
            ) : null}
          </Group>
        ))}
        {v.work.findings.length === 0 ? (
          <Text size="sm" c="dimmed">
            Chưa có phát hiện.
          </Text>
        ) : null}
      </Stack>
      {v.mayEdit ? (
        <Stack gap="xs" mt="sm">
          <Group grow>
            <Select
              label="Loại phát hiện"
              data={TYPES}
              value={type}
              onChange={(x) => x && setType(x)}
              allowDeselect={false}
            />
            <Select
              label="Điều khoản"
              data={clauses}
              value={clause}
              onChange={setClause}
              searchable
            />
          </Group>
          <Textarea
            label="Nội dung phát hiện"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <TextInput
            label="Bằng chứng"
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
          />
          <Select
            label="Hồ sơ mẫu liên quan"
            placeholder="Không gắn với hồ sơ nào"
            data={v.pack.sample.map((s) => ({
              value: s.dossierId,
              label: `${s.code} ${s.procedureName}`,
            }))}
            value={dossierId}
            onChange={setDossierId}
            clearable
          />
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button
              color="red"
              variant="light"
              onClick={add}
              loading={action.busy}
              disabled={!description.trim()}
            >
              Ghi phát hiện
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}
