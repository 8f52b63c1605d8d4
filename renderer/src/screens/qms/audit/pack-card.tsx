// The audited office's side of a visiting audit, on the audit's page: "Xuất gói đánh giá" (the
// file downloads and its passphrase shows once, with what the pack holds) and "Nhập kết quả"
// (the visiting auditor's results file, applied to the checklist and findings).
import { Alert, Button, Card, Code, FileButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { OpOutput } from '../../../../../core/contract';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { downloadBase64, readAsBase64 } from '../../../components/files';
import { useAction } from '../../../components/use-action';

type Exported = OpOutput<'audits.exportPack'>;

export function PackCard({
  auditId,
  onDone,
}: {
  readonly auditId: string;
  readonly onDone: () => void;
}) {
  const action = useAction();
  const [exported, setExported] = useState<Exported | null>(null);
  const exportPack = () =>
    void action.run(async () => {
      const r = await api.audits.exportPack({ auditId });
      downloadBase64(r.fileName, r.base64, 'application/octet-stream');
      setExported(r);
    });
  const importResults = (picked: File | null) => {
    if (!picked) return;
    void action.run(async () => {
      const r = await api.audits.importResults({
        auditId,
        fileName: picked.name,
        base64: await readAsBase64(picked),
      });
      notifyDone(
        `Đã nhập kết quả số ${r.seq} của đánh giá viên ${r.visitorName}: ${r.answers} câu trả lời, ${r.findings} phát hiện mới` +
          (r.nonconformities ? ` (${r.nonconformities} sự không phù hợp được mở).` : '.'),
      );
      onDone();
    });
  };
  return (
    <Card withBorder data-testid="pack-card">
      <Text fw={600}>Đánh giá viên từ đơn vị khác</Text>
      <Text size="sm" c="dimmed" mb="xs">
        Xuất gói (kế hoạch, danh mục câu hỏi, hồ sơ mẫu) để đánh giá viên của xã khác điền trên máy
        của họ, rồi nhập tệp kết quả họ gửi lại.
      </Text>
      <Group gap="xs">
        <Button variant="light" onClick={exportPack} loading={action.busy}>
          Xuất gói đánh giá
        </Button>
        <FileButton onChange={importResults} accept=".isoxa-audit-result">
          {(props) => (
            <Button {...props} variant="light" loading={action.busy}>
              Nhập kết quả
            </Button>
          )}
        </FileButton>
      </Group>
      <ErrorAlert error={action.error} />
      {exported ? (
        <Modal opened onClose={() => setExported(null)} title="Gói đánh giá đã được xuất" size="lg">
          <Stack>
            <Text size="sm">
              Tệp <b>{exported.fileName}</b> đã được tải về ({exported.sampled} hồ sơ mẫu). Gói được
              mã hóa: chỉ mở được bằng mật khẩu dưới đây.
            </Text>
            <Alert color="orange" title="Mật khẩu gói đánh giá (chỉ hiện một lần)">
              <Code fz="lg" data-testid="pack-passphrase">
                {exported.passphrase}
              </Code>
              <Text size="sm" mt="xs">
                Hãy chép mật khẩu và trao trực tiếp (hoặc đọc qua điện thoại) cho đánh giá viên;
                không ghi mật khẩu cùng USB chứa tệp.
              </Text>
            </Alert>
            <Text size="sm" c="dimmed">
              {exported.included}
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => setExported(null)}>Đã chép mật khẩu</Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Card>
  );
}
