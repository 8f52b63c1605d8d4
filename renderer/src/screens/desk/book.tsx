// Sổ theo dõi hồ sơ (Mẫu 07) for a period: preview and print, or export to Excel.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DAY_MS, startOfCivilMonth } from '../../../../core/calendar/civil-time';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { downloadBase64, XLSX_MIME } from '../../components/files';
import { VnDateInput } from '../../components/inputs';
import { PrintPreview, type PrintDoc } from '../../components/print-preview';
import { civilDateOf, formatCount } from '../../format';
import { ErrorAlert } from '../../components/error-alert';

function thisMonth(): { from: string | null; to: string | null } {
  const now = Date.now();
  const first = startOfCivilMonth(now);
  return { from: civilDateOf(first), to: civilDateOf(startOfCivilMonth(now, -1) - DAY_MS) };
}

export function BookScreen() {
  const [range, setRange] = useState(thisMonth);
  const [doc, setDoc] = useState<(PrintDoc & { rows: number; from: string; to: string }) | null>(
    null,
  );
  const [busy, setBusy] = useState<'view' | 'excel' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (kind: 'view' | 'excel') => {
    const { from, to } = range;
    if (!from || !to) {
      setError('Hãy nhập đủ “Từ ngày” và “Đến ngày” theo dạng ngày/tháng/năm.');
      return;
    }
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'view') setDoc({ ...(await api.book.get({ from, to })), from, to });
      else {
        const file = await api.book.exportExcel({ from, to });
        downloadBase64(file.fileName, file.base64, XLSX_MIME);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack maw={900}>
      <Title order={2}>Sổ theo dõi hồ sơ (Mẫu 07)</Title>
      <Card withBorder>
        <Stack>
          <Group align="flex-end">
            <VnDateInput
              label="Từ ngày"
              value={range.from}
              onChange={(v) => setRange({ ...range, from: v })}
              w={170}
            />
            <VnDateInput
              label="Đến ngày"
              value={range.to}
              onChange={(v) => setRange({ ...range, to: v })}
              w={170}
            />
            <Button onClick={() => void run('view')} loading={busy === 'view'}>
              Xem và in sổ
            </Button>
            <Button variant="light" onClick={() => void run('excel')} loading={busy === 'excel'}>
              Xuất Excel
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            Mỗi hồ sơ tiếp nhận trong khoảng thời gian là một dòng: mã hồ sơ, thủ tục, người nộp,
            ngày nhận, hẹn trả, chuyển xử lý, trả kết quả, ghi chú.
          </Text>
          <ErrorAlert error={error} />
        </Stack>
      </Card>
      <PrintPreview
        doc={doc}
        onClose={() => setDoc(null)}
        savePdf={() => api.book.savePdf({ from: doc?.from ?? '', to: doc?.to ?? '' })}
        actions={
          doc ? (
            <Text size="sm" c="dimmed" mr="md">
              {formatCount(doc.rows)} hồ sơ
            </Text>
          ) : null
        }
      />
    </Stack>
  );
}
