// Receive form, part 2: the applicant, with the ID number checked as it is typed.
import { Input, SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { checkIdNumber, ID_KINDS, type IdKind } from '../../../../core/desk/identity';
import { TextField } from '../../components/fields';

export interface Applicant {
  readonly fullName: string;
  readonly idKind: IdKind;
  readonly idNumber: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
}

export const EMPTY_APPLICANT: Applicant = {
  fullName: '',
  idKind: 'cccd',
  idNumber: '',
  address: '',
  phone: '',
  email: '',
};

const SHORT_ID_LABELS: Readonly<Record<IdKind, string>> = {
  cccd: 'Căn cước/CCCD',
  cmnd: 'CMND',
  passport: 'Hộ chiếu',
};

export function idError(a: Readonly<Applicant>): string | null {
  return a.idNumber.trim() ? checkIdNumber(a.idKind, a.idNumber.trim().toUpperCase()) : null;
}

export function ApplicantFields({
  value,
  onChange,
}: {
  readonly value: Applicant;
  readonly onChange: (a: Applicant) => void;
}) {
  const text = (key: 'fullName' | 'idNumber' | 'address' | 'phone' | 'email') => ({
    value: value[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      onChange({ ...value, [key]: e.currentTarget.value }),
  });
  return (
    <Stack gap="sm">
      <TextField label="Họ và tên người nộp" required {...text('fullName')} />
      <SimpleGrid cols={2}>
        <Input.Wrapper label="Loại giấy tờ tùy thân">
          <SegmentedControl
            fullWidth
            data={ID_KINDS.map((k) => ({ value: k, label: SHORT_ID_LABELS[k] }))}
            value={value.idKind}
            onChange={(v) => onChange({ ...value, idKind: v })}
          />
        </Input.Wrapper>
        <TextField
          label="Số giấy tờ tùy thân"
          required
          {...text('idNumber')}
          error={idError(value)}
          inputMode={value.idKind === 'passport' ? 'text' : 'numeric'}
        />
      </SimpleGrid>
      <TextField label="Địa chỉ" {...text('address')} />
      <SimpleGrid cols={2}>
        <TextField label="Số điện thoại" {...text('phone')} inputMode="tel" />
        <TextField label="Email" {...text('email')} type="email" />
      </SimpleGrid>
    </Stack>
  );
}
