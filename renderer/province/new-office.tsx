// Thêm xã: an office (agency code per QCVN 102:2016/BTTTT, name) and its first one-time
// enrollment code, shown big once.
import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { createOfficeRequest, type EnrollmentCodeResponse } from '../../core/sync/admin';
import { CodeCard } from './code-card';
import { errorText, provinceApi } from './api';
import { ErrorAlert } from '../src/components/error-alert';
import { GuardedForm } from '../src/components/guarded-form';
import { TextField } from '../src/components/fields';

export function NewOfficeScreen() {
  const [agencyCode, setAgencyCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ code: EnrollmentCodeResponse; name: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const input = createOfficeRequest.safeParse({ agencyCode: agencyCode.trim(), name });
    if (!input.success) {
      setError(input.error.issues.map((i) => i.message).join(' '));
      return;
    }
    setBusy(true);
    try {
      const code = await provinceApi.createOffice(input.data);
      setIssued({ code, name: input.data.name });
      setAgencyCode('');
      setName('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={720}>
      <Title order={2}>Thêm xã, cấp mã đăng ký</Title>
      {issued ? (
        <Stack gap="xs">
          <CodeCard issued={issued.code} officeName={issued.name} />
          <Anchor href={`#/offices/${issued.code.officeId}`}>Xem chi tiết xã vừa thêm</Anchor>
        </Stack>
      ) : null}
      <Paper withBorder p="lg">
        <GuardedForm onSubmit={(e) => void submit(e)} aria-label="Thêm xã">
          <Stack>
            <Text size="sm" c="dimmed">
              Mỗi xã, phường có một mã định danh cơ quan theo QCVN 102:2016/BTTTT. Sau khi thêm, máy
              chủ cấp một mã đăng ký dùng một lần, có hiệu lực 7 ngày.
            </Text>
            <ErrorAlert error={error} />
            <TextField
              label="Mã định danh cơ quan"
              description="Ví dụ: 000.00.12.H56"
              value={agencyCode}
              onChange={(e) => setAgencyCode(e.currentTarget.value)}
              required
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <TextField
              label="Tên cơ quan"
              description="Ví dụ: UBND xã Tân Lập"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
            />
            <Button type="submit" loading={busy} w="fit-content">
              Thêm xã và cấp mã
            </Button>
          </Stack>
        </GuardedForm>
      </Paper>
    </Stack>
  );
}
