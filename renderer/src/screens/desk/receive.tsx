// Tiếp nhận hồ sơ: pick the procedure, tick the documents, enter the applicant, hand the
// dossier to the next person. The appointment shows before saving; one requestKey per fill
// makes a double click or double Enter create one dossier.
import { Alert, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { Channel, ProcedureVersion } from '../../../../core/catalog/schema';
import { viCollator } from '../../../../core/text/fold';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { foldFilter, VnNumberInput } from '../../components/inputs';
import { useLoad } from '../../components/use-load';
import { civilDateOf } from '../../format';
import { ApplicantFields, EMPTY_APPLICANT, idError, type Applicant } from './receive-applicant';
import {
  DocumentChecklist,
  docRowsOf,
  FeeSection,
  quoteOf,
  type DocRow,
  type FeeState,
} from './receive-documents';
import { AppointmentCard, CHANNEL_LABELS } from './receive-appointment';
import { useAssignees, usePreview } from './receive-hooks';
import { GuardedForm } from '../../components/guarded-form';
import { TextareaField } from '../../components/fields';
import { SelectField } from '../../components/select-field';

const NO_FEE: FeeState = { pages: 1, copies: 1, conditions: [] };

function safeTotal(version: Readonly<ProcedureVersion>, fee: FeeState): number | null {
  try {
    return quoteOf(version, fee).totalVnd;
  } catch {
    return null;
  }
}

export function ReceiveScreen() {
  const [, navigate] = useLocation();
  const catalog = useLoad(useCallback(() => api.catalog.list({}), []));
  const [procedureId, setProcedureId] = useState<string | null>(null);
  const [version, setVersion] = useState<ProcedureVersion | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [fee, setFee] = useState<FeeState>(NO_FEE);
  const [amount, setAmount] = useState<number | null>(null);
  const [amountTouched, setAmountTouched] = useState(false);
  const [applicant, setApplicant] = useState<Applicant>(EMPTY_APPLICANT);
  const [sets, setSets] = useState(1);
  const [channel, setChannel] = useState<Channel>('direct');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [requestKey] = useState(() => crypto.randomUUID());
  const { preview, error: previewError } = usePreview(procedureId);
  const assignees = useAssignees(preview?.nextRole);

  const options = useMemo(
    () =>
      (catalog.data ?? [])
        .filter((p) => p.active)
        .sort((a, b) => viCollator.compare(a.name, b.name))
        .map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
    [catalog.data],
  );
  const assignee = assignees.length === 1 ? (assignees[0]?.id ?? null) : assigneeId;

  const latest = useRef<string | null>(null);
  const choose = async (id: string | null) => {
    latest.current = id;
    setProcedureId(id);
    setVersion(null);
    setError(null);
    if (!id) return;
    try {
      const { versions } = await api.catalog.get({ id });
      if (latest.current !== id) return;
      const today = civilDateOf(Date.now());
      const inForce = versions.filter((v) => v.effectiveFrom <= today).pop() ?? versions.at(-1);
      if (!inForce) return;
      setVersion(inForce.body);
      setDocs(docRowsOf(inForce.body));
      setFee(NO_FEE);
      setAmount(safeTotal(inForce.body, NO_FEE));
      setAmountTouched(false);
      setChannel(inForce.body.channel[0] ?? 'direct');
    } catch (err) {
      setError(errorText(err));
    }
  };

  const changeFee = (next: FeeState) => {
    setFee(next);
    if (version && !amountTouched) setAmount(safeTotal(version, next));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busyRef.current) return;
    const chosen = docs.filter((d) => d.checked);
    const problem = !procedureId
      ? 'Hãy chọn thủ tục hành chính.'
      : (idError(applicant) ??
        (chosen.length === 0
          ? 'Phải có ít nhất một thành phần hồ sơ.'
          : !assignee
            ? 'Hãy chọn người nhận hồ sơ để xử lý.'
            : null));
    if (problem || !procedureId || !assignee) {
      setError(problem);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const detail = await api.dossiers.receive({
        requestKey,
        procedureId,
        applicant: { ...applicant, idNumber: applicant.idNumber.trim().toUpperCase() },
        documents: chosen.map(({ name, kind, count }) => ({ name, kind, count })),
        sets,
        feeVnd: amount,
        channel,
        assigneeId: assignee,
        note,
      });
      navigate(`/dossiers/${detail.dossier.id}?new=1`);
    } catch (err) {
      setError(errorText(err));
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <GuardedForm onSubmit={(e) => void submit(e)} aria-label="Tiếp nhận hồ sơ">
      <Stack>
        <Title order={2}>Tiếp nhận hồ sơ</Title>
        {catalog.error ? <Alert color="red">{catalog.error}</Alert> : null}
        <Grid gap="md" columns={24}>
          <Grid.Col span={{ base: 24, lg: 15 }}>
            <Stack>
              <Card withBorder>
                <SelectField
                  label="Thủ tục hành chính"
                  placeholder="Gõ mã hoặc tên thủ tục…"
                  data={options}
                  value={procedureId}
                  onChange={(v) => void choose(v)}
                  searchable
                  filter={foldFilter}
                  nothingFoundMessage="Không có thủ tục phù hợp"
                  maxDropdownHeight={320}
                  autoFocus
                  required
                />
              </Card>
              <Card withBorder data-testid="applicant-card">
                <Text fw={600} mb="xs">
                  Người nộp hồ sơ
                </Text>
                <ApplicantFields value={applicant} onChange={setApplicant} />
              </Card>
              {version ? (
                <Card withBorder>
                  <Text fw={600} mb="xs">
                    Thành phần hồ sơ
                  </Text>
                  <DocumentChecklist rows={docs} onChange={setDocs} />
                </Card>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 24, lg: 9 }}>
            <Stack>
              <AppointmentCard preview={preview} error={previewError} />
              {version ? (
                <Card withBorder>
                  <Text fw={600} mb="xs">
                    Phí, lệ phí
                  </Text>
                  <FeeSection
                    version={version}
                    fee={fee}
                    onFee={changeFee}
                    amount={amount}
                    onAmount={(v) => {
                      setAmountTouched(true);
                      setAmount(v);
                    }}
                  />
                </Card>
              ) : null}
              <Card withBorder>
                <Stack gap="sm">
                  <Group grow>
                    <VnNumberInput
                      label="Số bộ hồ sơ"
                      min={1}
                      max={20}
                      required
                      value={sets}
                      onChange={(v) => v !== null && setSets(v)}
                    />
                    <SelectField
                      label="Hình thức nộp"
                      data={(version?.channel ?? ['direct']).map((c) => ({
                        value: c,
                        label: CHANNEL_LABELS[c],
                      }))}
                      value={channel}
                      allowDeselect={false}
                      onChange={(v) => v && setChannel(v as Channel)}
                    />
                  </Group>
                  <SelectField
                    label="Chuyển cho"
                    placeholder={preview ? 'Chọn người xử lý bước tiếp theo' : 'Chọn thủ tục trước'}
                    data={assignees.map((a) => ({
                      value: a.id,
                      label: a.title ? `${a.fullName} — ${a.title}` : a.fullName,
                    }))}
                    value={assignee}
                    onChange={setAssigneeId}
                    required
                  />
                  <TextareaField
                    label="Ghi chú"
                    autosize
                    minRows={2}
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                  />
                </Stack>
              </Card>
              {error ? (
                <Alert color="red" role="alert" data-testid="receive-error">
                  {error}
                </Alert>
              ) : null}
              <Button type="submit" size="md" loading={busy} disabled={busy}>
                Tiếp nhận và in giấy hẹn
              </Button>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </GuardedForm>
  );
}
