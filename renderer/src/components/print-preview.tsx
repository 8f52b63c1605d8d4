// Print preview of a form rendered by the services: the full HTML document in an A4-wide
// iframe (fonts load from /resources/fonts/ on our own origin), printed by the iframe itself
// so the browser's "Save as PDF" gives exactly the form.
import { Button, Center, Group, Loader, Modal, Text } from '@mantine/core';
import { useRef, type ReactNode } from 'react';

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

export function PrintPreview({
  doc,
  loading = false,
  onClose,
  actions,
}: {
  readonly doc: PrintDoc | null;
  readonly loading?: boolean;
  readonly onClose: () => void;
  readonly actions?: ReactNode;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
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
        <Button
          onClick={() => frame.current?.contentWindow?.print()}
          disabled={!doc}
          data-autofocus
        >
          In / Lưu PDF
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
