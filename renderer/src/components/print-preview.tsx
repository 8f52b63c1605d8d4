// Print preview of a form rendered by the services: the full HTML document in an A4-wide
// iframe (fonts load from /resources/fonts/ on our own origin), printed by the iframe itself
// so the browser's "Save as PDF" gives exactly the form.
import { Button, Center, Group, Loader, Modal, Text } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { errorText, notifyDone } from './errors';

export interface PrintDoc {
  readonly title: string;
  readonly html: string;
}

// On screen the document has no @page margins; draw them so the preview looks like the paper.
const SCREEN_CSS =
  '<style>@media screen{html{background:#fff}body{padding:20mm 15mm 20mm 30mm}}</style>';

export function isLandscape(html: string): boolean {
  return /@page\s*\{[^}]*size:\s*A4 landscape/.test(html);
}

export function screenHtml(html: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${SCREEN_CSS}</head>`) : html;
}

/** Desktop: a real PDF file through the services (Electron's printToPDF). */
function SavePdfButton({ save }: { readonly save: () => Promise<{ path: string | null }> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { path } = await save();
      if (path) notifyDone(`Đã lưu tệp PDF: ${path}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Button variant="light" loading={busy} onClick={() => void run()}>
        Lưu PDF
      </Button>
    </>
  );
}

export function PrintPreview({
  doc,
  loading = false,
  onClose,
  actions,
  savePdf,
}: {
  readonly doc: PrintDoc | null;
  readonly loading?: boolean;
  readonly onClose: () => void;
  readonly actions?: ReactNode;
  /** Saves the same document as a PDF file (used in the desktop app only). */
  readonly savePdf?: () => Promise<{ path: string | null }>;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const desktop = useSession().status?.platform === 'electron';
  return (
    <Modal
      opened={doc !== null || loading}
      onClose={onClose}
      fullScreen
      title={
        <Text fw={600} size="lg">
          {doc?.title ?? 'Đang tạo biểu mẫu…'}
        </Text>
      }
      styles={{
        body: { background: 'var(--mantine-color-gray-2)', minHeight: 'calc(100vh - 60px)' },
      }}
    >
      <Group justify="flex-end" py="xs" gap="xs">
        {actions}
        {desktop && savePdf ? (
          doc ? (
            <SavePdfButton save={savePdf} />
          ) : null
        ) : (
          <Text size="sm" c="dimmed" data-testid="pdf-hint">
            Để lưu PDF: bấm “In / Lưu PDF”, rồi chọn máy in “Lưu dưới dạng PDF” (Save as PDF).
          </Text>
        )}
        <Button
          onClick={() => frame.current?.contentWindow?.print()}
          disabled={!doc}
          data-autofocus
        >
          {desktop && savePdf ? 'In' : 'In / Lưu PDF'}
        </Button>
        <Button variant="default" onClick={onClose}>
          Đóng
        </Button>
      </Group>
      {doc ? (
        <Center>
          <iframe
            ref={frame}
            title={doc.title}
            srcDoc={screenHtml(doc.html)}
            // Same origin (fonts, print()) and print dialogs; no scripts run inside the form.
            sandbox="allow-same-origin allow-modals"
            style={{
              width: isLandscape(doc.html) ? '297mm' : '210mm',
              maxWidth: '100%',
              height: 'calc(100vh - 140px)',
              background: 'white',
              border: 0,
              boxShadow: 'var(--mantine-shadow-md)',
            }}
          />
        </Center>
      ) : (
        <Center h={300}>
          <Loader aria-label="Đang tạo biểu mẫu" />
        </Center>
      )}
    </Modal>
  );
}
