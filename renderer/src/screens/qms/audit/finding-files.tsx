// A finding's evidence files: each opened (downloaded) by anyone who sees the audit; the audit
// team attaches more (PDF, JPEG, PNG, DOCX, checked by content on the PC) while the audit runs
// and removes one with a reason.
import { Anchor, Button, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AuditDetail } from '../../../../../core/contract/audits';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { downloadBase64, readAsBase64 } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { formatBytes } from '../../../format';

type Finding = AuditDetail['findings'][number];
type EvidenceFile = Finding['files'][number];

const ACCEPT =
  '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function FindingFiles({
  finding,
  working,
  onChange,
}: {
  readonly finding: Finding;
  /** The caller is on the team of a running audit: may attach and remove. */
  readonly working: boolean;
  readonly onChange: () => void;
}) {
  const action = useAction();
  const [removing, setRemoving] = useState<EvidenceFile | null>(null);
  const attach = (picked: File | null) => {
    if (!picked) return;
    void action.run(async () => {
      await api.audits.attachEvidence({
        findingId: finding.id,
        fileName: picked.name,
        base64: await readAsBase64(picked),
      });
      notifyDone(`Đã đính kèm bằng chứng ${picked.name} vào ${finding.code}.`);
      onChange();
    });
  };
  const open = (f: EvidenceFile) =>
    void action.run(async () => {
      const got = await api.audits.evidenceFile({ id: f.id });
      downloadBase64(got.fileName, got.base64, got.mime);
    });
  const usable = finding.state !== 'cancelled';
  if (finding.files.length === 0 && !(working && usable)) return null;
  return (
    <Stack gap={2} mt={4} data-testid="finding-files">
      {finding.files.map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap">
          <Anchor
            size="xs"
            component="button"
            type="button"
            onClick={() => open(f)}
            data-testid="evidence-file"
          >
            {f.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatBytes(f.size)} · {f.addedByName}
          </Text>
          {working ? (
            <Anchor
              size="xs"
              c="red"
              component="button"
              type="button"
              onClick={() => setRemoving(f)}
            >
              Gỡ
            </Anchor>
          ) : null}
        </Group>
      ))}
      {working && usable ? (
        <FileButton onChange={attach} accept={ACCEPT}>
          {(props) => (
            <Anchor
              size="xs"
              component="button"
              type="button"
              style={{ alignSelf: 'flex-start' }}
              {...props}
            >
              {action.busy ? 'Đang đính kèm…' : '+ Đính kèm bằng chứng (PDF, ảnh, Word)'}
            </Anchor>
          )}
        </FileButton>
      ) : null}
      <ErrorAlert error={action.error} />
      {removing ? (
        <RemoveDialog
          file={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            onChange();
          }}
        />
      ) : null}
    </Stack>
  );
}

function RemoveDialog({
  file,
  onClose,
  onDone,
}: {
  readonly file: EvidenceFile;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const action = useAction();
  const [reason, setReason] = useState('');
  const remove = () =>
    void action.run(async () => {
      const record = await api.qms.get({ id: file.id });
      await api.qms.transition({
        id: file.id,
        transition: 'remove',
        rev: record.rev,
        comment: reason,
      });
      notifyDone(`Đã gỡ tệp bằng chứng ${file.fileName}.`);
      onDone();
    });
  return (
    <Modal opened onClose={onClose} title="Gỡ tệp bằng chứng">
      <Stack>
        <Text size="sm">
          Tệp <b>{file.fileName}</b> sẽ không còn trong phát hiện và báo cáo đánh giá (lịch sử vẫn
          ghi lại).
        </Text>
        <Textarea
          label="Lý do gỡ"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button color="red" loading={action.busy} disabled={!reason.trim()} onClick={remove}>
            Gỡ tệp
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
