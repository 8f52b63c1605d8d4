// The internal audit's documents on screen: print preview (PDF through the print dialog) and
// the Word file, for an audit's plan or report or a year's programme.
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64 } from '../../../components/files';
import { PrintPreview, type PrintDoc } from '../../../components/print-preview';
import { useAction } from '../../../components/use-action';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function AuditOutputs({
  which,
  id = null,
  year = null,
  label,
}: {
  readonly which: 'plan' | 'report' | 'programme';
  readonly id?: string | null;
  readonly year?: number | null;
  /** What the print button says ('In kế hoạch'). */
  readonly label: string;
}) {
  const [doc, setDoc] = useState<PrintDoc | null>(null);
  const action = useAction();
  const print = () =>
    void action.run(async () => setDoc(await api.audits.print({ which, id, year })));
  const word = () =>
    void action.run(async () => {
      const file = await api.audits.exportDocx({ which, id, year });
      downloadBase64(file.fileName, file.base64, DOCX_MIME);
    });
  return (
    <>
      <Group gap={4}>
        <Button variant="default" onClick={print} loading={action.busy}>
          {label}
        </Button>
        <Button
          variant="subtle"
          onClick={word}
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
