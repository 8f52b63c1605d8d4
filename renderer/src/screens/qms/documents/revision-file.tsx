// A revision's attached file (the signed DOCX or PDF): its name and size, download, a preview
// of a Word file inside the app, and attaching one while the revision is a draft.
import { Button, FileButton, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, readAsBase64 } from '../../../components/files';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { formatBytes } from '../../../format';
import { leaveThen } from '../../../shell/leave-guard';
import { DocxPreview } from './docx-preview';
import { DOCX_MIME, revisionData } from './revision-panel';

export function RevisionFile({
  revision,
  editable,
  onChange,
}: {
  readonly revision: RecordView;
  readonly editable: boolean;
  readonly onChange: (next: DocumentDetail) => void;
}) {
  const file = revisionData(revision).file;
  const action = useAction();
  const [previewing, setPreviewing] = useState(false);
  const attach = (picked: File | null) => {
    if (!picked) return;
    // The draft editor reloads from the saved revision afterwards: unsaved edits ask first.
    leaveThen(() => upload(picked));
  };
  const upload = (picked: File) => {
    void action.run(async () => {
      const next = await api.documents.attachFile({
        revisionId: revision.id,
        rev: revision.rev,
        fileName: picked.name,
        base64: await readAsBase64(picked),
      });
      notifyDone(`Đã đính kèm ${picked.name}.`);
      onChange(next);
    });
  };
  const download = () =>
    void action.run(async () => {
      const f = await api.documents.file({ revisionId: revision.id });
      downloadBase64(f.fileName, f.base64, f.mime);
    });
  return (
    <Group gap="xs">
      {file ? (
        <>
          <Text size="sm" data-testid="revision-file">
            Tệp đính kèm: <b>{file.name}</b> ({formatBytes(file.size)})
          </Text>
          {file.mime === DOCX_MIME ? (
            <Button variant="light" size="xs" onClick={() => setPreviewing(true)}>
              Xem trước
            </Button>
          ) : null}
          <Button variant="default" size="xs" onClick={download}>
            Tải tệp
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Không có tệp đính kèm.
        </Text>
      )}
      {editable ? (
        <FileButton
          onChange={attach}
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        >
          {(props) => (
            <Button {...props} variant="light" size="xs" loading={action.busy}>
              {file ? 'Thay tệp (.docx, .pdf)' : 'Đính kèm tệp (.docx, .pdf)'}
            </Button>
          )}
        </FileButton>
      ) : null}
      <ErrorAlert error={action.error} />
      {previewing && file ? (
        <DocxPreview
          revisionId={revision.id}
          title={file.name}
          onClose={() => setPreviewing(false)}
        />
      ) : null}
    </Group>
  );
}
