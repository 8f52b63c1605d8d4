// "Sửa thông tin": a document's register facts, for those who manage documents. A procedure,
// guideline, form or policy: its owner role, who must read it, its review interval and the
// external documents it cites. An external document (a law): number, issuer, effective and
// expiry dates and the law that replaced it. The services check every reference again.
import { Button, Group, Modal, MultiSelect, NumberInput, Select, Stack } from '@mantine/core';
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABELS, ROLES } from '../../../../../core/auth/roles';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { documentData } from '../../../../../core/qms/document';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { GuardedForm } from '../../../components/guarded-form';
import { useAction } from '../../../components/use-action';
import { CitesPicker, ExternalFields } from './external-pickers';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function OwnFields({
  data,
  onChange,
}: {
  readonly data: Pick<
    ReturnType<typeof documentData.parse>,
    'ownerRole' | 'concernedRoles' | 'reviewMonths' | 'cites'
  >;
  readonly onChange: (patch: Partial<typeof data>) => void;
}) {
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label="Bộ phận / vai trò chủ trì"
          data={roleOptions}
          value={data.ownerRole}
          onChange={(v) => v && onChange({ ownerRole: v })}
          allowDeselect={false}
        />
        <NumberInput
          label="Chu kỳ rà soát (tháng)"
          min={1}
          max={60}
          value={data.reviewMonths}
          onChange={(v) => onChange({ reviewMonths: Number(v) || 12 })}
        />
      </Group>
      <MultiSelect
        label="Vai trò phải đọc và xác nhận"
        data={roleOptions}
        value={data.concernedRoles}
        onChange={(v) => onChange({ concernedRoles: v })}
      />
      <CitesPicker value={data.cites} onChange={(cites) => onChange({ cites })} />
    </>
  );
}

function EditForm({
  detail,
  onClose,
  onSaved,
}: {
  readonly detail: DocumentDetail;
  readonly onClose: () => void;
  readonly onSaved: (next: DocumentDetail) => void;
}) {
  const doc = detail.document;
  const [title, setTitle] = useState(doc.title);
  const [data, setData] = useState(() => documentData.parse(doc.data));
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      const next = await api.documents.update({
        id: doc.id,
        rev: doc.rev,
        title,
        ownerRole: data.ownerRole,
        concernedRoles: data.concernedRoles,
        reviewMonths: data.reviewMonths,
        cites: data.external ? [] : data.cites,
        external: data.external,
      });
      notifyDone('Đã lưu thông tin tài liệu.');
      onSaved(next);
      onClose();
    });
  return (
    <GuardedForm onSubmit={save}>
      <Stack>
        <TextInput
          label="Tên tài liệu"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        {data.external ? (
          <ExternalFields
            selfId={doc.id}
            facts={data.external}
            onChange={(external) => setData((d) => ({ ...d, external }))}
          />
        ) : (
          <OwnFields data={data} onChange={(patch) => setData((d) => ({ ...d, ...patch }))} />
        )}
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Đóng
          </Button>
          <Button type="submit" loading={action.busy}>
            Lưu
          </Button>
        </Group>
      </Stack>
    </GuardedForm>
  );
}

export function EditDocument({
  detail,
  onSaved,
}: {
  readonly detail: DocumentDetail;
  readonly onSaved: (next: DocumentDetail) => void;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        Sửa thông tin
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Sửa thông tin tài liệu ${detail.document.code}`}
        size="lg"
      >
        {opened ? (
          <EditForm detail={detail} onClose={() => setOpened(false)} onSaved={onSaved} />
        ) : null}
      </Modal>
    </>
  );
}
