// "Thêm tài liệu": a new controlled document (its first draft opens with it, with the laws it
// cites) or an external document (a law: number, issuer, effective and expiry dates).
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../../core/auth/roles';
import {
  DOC_TYPE_LABELS,
  DOC_TYPES,
  type DocType,
  type ExternalFacts,
} from '../../../../../core/qms/document';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useAction } from '../../../components/use-action';
import { CitesPicker, ExternalFields } from './external-pickers';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function CreateDocument({ onCreated }: { readonly onCreated: (id: string) => void }) {
  const [opened, setOpened] = useState(false);
  const [docType, setDocType] = useState<DocType>('procedure');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [ownerRole, setOwnerRole] = useState<Role>('iso_coordinator');
  const [concerned, setConcerned] = useState<Role[]>(['desk_officer', 'specialist', 'leader']);
  const [reviewMonths, setReviewMonths] = useState<number>(12);
  const [cites, setCites] = useState<string[]>([]);
  const [facts, setFacts] = useState<ExternalFacts>({
    number: '',
    issuer: '',
    effectiveDate: '',
    expiryDate: null,
    replacedById: null,
  });
  const action = useAction();
  const external = docType === 'external';
  const save = () =>
    action.run(async () => {
      const created = await api.documents.create({
        docType,
        code,
        title,
        ownerRole,
        concernedRoles: external ? [] : concerned,
        reviewMonths,
        cites: external ? [] : cites,
        procedureCode: null,
        external: external ? facts : null,
      });
      setOpened(false);
      onCreated(created.document.id);
    });
  return (
    <>
      <Button onClick={() => setOpened(true)}>Thêm tài liệu</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Thêm tài liệu" size="lg">
        <Stack>
          <Select
            label="Loại tài liệu"
            data={DOC_TYPES.map((t) => ({ value: t, label: DOC_TYPE_LABELS[t] }))}
            value={docType}
            onChange={(v) => v && setDocType(v)}
            allowDeselect={false}
          />
          <Group grow>
            <TextInput
              label="Mã tài liệu"
              placeholder="QT-06"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              required
            />
            <Select
              label="Bộ phận / vai trò chủ trì"
              data={roleOptions}
              value={ownerRole}
              onChange={(v) => v && setOwnerRole(v)}
              allowDeselect={false}
            />
          </Group>
          <TextInput
            label="Tên tài liệu"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          {external ? (
            <ExternalFields selfId={null} facts={facts} onChange={setFacts} />
          ) : (
            <Group grow align="flex-start">
              <MultiSelect
                label="Vai trò phải đọc và xác nhận"
                data={roleOptions}
                value={concerned}
                onChange={(v) => setConcerned(v)}
              />
              <NumberInput
                label="Chu kỳ rà soát (tháng)"
                min={1}
                max={60}
                value={reviewMonths}
                onChange={(v) => setReviewMonths(Number(v) || 12)}
              />
            </Group>
          )}
          {external ? null : <CitesPicker value={cites} onChange={setCites} />}
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Đóng
            </Button>
            <Button loading={action.busy} onClick={() => void save()}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
