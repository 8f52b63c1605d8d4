// An attached Word file shown inside the app: the HTML the services made of it (no script, its
// own CSP), in a fully sandboxed frame so that nothing in it can act on the app.
import { Center, Loader, Modal } from '@mantine/core';
import { useCallback } from 'react';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';

export function DocxPreview({
  revisionId,
  title,
  onClose,
}: {
  readonly revisionId: string;
  readonly title: string;
  readonly onClose: () => void;
}) {
  const { data, error } = useLoad(
    useCallback(() => api.documents.preview({ revisionId }), [revisionId]),
  );
  return (
    <Modal opened onClose={onClose} title={`Xem trước: ${title}`} size="xl">
      <ErrorAlert error={error} />
      {data ? (
        <iframe
          title={`Xem trước ${title}`}
          srcDoc={data.html}
          // No allow-scripts, no allow-same-origin: the document cannot run or read anything.
          sandbox=""
          style={{ width: '100%', height: '65vh', border: '1px solid #ddd', background: 'white' }}
        />
      ) : error ? null : (
        <Center h={200}>
          <Loader aria-label="Đang mở tệp" />
        </Center>
      )}
    </Modal>
  );
}
