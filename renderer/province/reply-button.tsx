// "Tải tệp phản hồi": downloads a device's signed reply file (acknowledgements of its ops and
// the province's publications) for the office to import on its PC without network.
import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { downloadBlob } from '../src/components/files';
import { errorText, provinceApi, type ReplyRange } from './api';

export function ReplyFileButton({
  deviceId,
  range = {},
  label = 'Tải tệp phản hồi',
  ...props
}: {
  readonly deviceId: string;
  readonly range?: ReplyRange;
  readonly label?: string;
} & ButtonProps) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await provinceApi.replyFile(deviceId, range);
      downloadBlob(fileName, blob);
      notifications.show({
        color: 'green',
        message: `Đã tải ${fileName}. Chép tệp sang USB để xã nhập vào phần mềm ISO Xã.`,
      });
    } catch (err) {
      notifications.show({
        color: 'red',
        title: 'Không tải được tệp phản hồi',
        message: errorText(err),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...props} loading={busy} onClick={() => void run()}>
      {label}
    </Button>
  );
}
