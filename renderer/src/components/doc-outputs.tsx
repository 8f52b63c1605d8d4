// A printable document's two buttons: the print preview (PDF through the print dialog) and the
// Word file. Shared by the quality-system documents (audit plan and report, review minutes).
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from './error-alert';
import { downloadBase64 } from './files';
import { PrintPreview, type PrintDoc } from './print-preview';
import { useAction } from './use-action';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function DocOutputs({
  label,
  print,
  word,
}: {
  /** What the print button says ('In kế hoạch'). */
  readonly label: string;
  readonly print: () => Promise<PrintDoc>;
  readonly word: () => Promise<{ readonly fileName: string; readonly base64: string }>;
}) {
  const [doc, setDoc] = useState<PrintDoc | null>(null);
  const action = useAction();
  const open = () => void action.run(async () => setDoc(await print()));
  const download = () =>
    void action.run(async () => {
      const file = await word();
      downloadBase64(file.fileName, file.base64, DOCX_MIME);
    });
  return (
    <>
      <Group gap={4}>
        <Button variant="default" onClick={open} loading={action.busy}>
          {label}
        </Button>
        <Button
          variant="subtle"
          onClick={download}
          disabled={action.busy}
          aria-label={`${label} (Word)`}
        >
          .docx
        </Button>
      </Group>
      <ErrorAlert error={action.error} />
      <PrintPreview doc={doc} onClose={() => setDoc(null)} />
    </>
  );
}
