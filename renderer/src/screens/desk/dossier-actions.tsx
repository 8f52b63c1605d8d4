// The actions the services allow on a dossier (detail.actions), each in a small dialog.
// Every call carries the step the user saw, so a concurrent hand-off fails with CONFLICT.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { DossierDetail } from '../../../../core/contract/dossiers';
import type { DossierAction } from '../../../../core/desk/actions';
import { api } from '../../api/client';
import { errorText, notifyDone } from '../../components/errors';
import { VnDateInput } from '../../components/inputs';
import { isStepRole, type Assignee } from './receive-hooks';
import { GuardedForm } from '../../components/guarded-form';
import { TextareaField } from '../../components/fields';
import { SelectField } from '../../components/select-field';
import {
  NO_RATING,
  RatingFields,
  ratingInput,
  ratingKeys,
  useRatingScale,
  type RatingValue,
} from '../qms/satisfaction/rating-fields';

export const ACTION_LABELS: Readonly<Record<DossierAction, string>> = {
  forward: 'Chuyển bước tiếp theo',
  requestSupplement: 'Yêu cầu bổ sung',
  resumeSupplement: 'Nhận hồ sơ bổ sung',
  refuse: 'Từ chối giải quyết',
  apologize: 'Xin lỗi, gia hạn',
  stop: 'Dừng giải quyết',
  return: 'Trả kết quả',
};

const ACTION_COLORS: Readonly<Record<DossierAction, string>> = {
  forward: 'indigo',
  requestSupplement: 'yellow',
  resumeSupplement: 'teal',
  refuse: 'red',
  apologize: 'orange',
  stop: 'red',
  return: 'green',
};

const DONE: Readonly<Record<DossierAction, string>> = {
  forward: 'Đã chuyển hồ sơ sang bước tiếp theo.',
  requestSupplement: 'Đã yêu cầu bổ sung hồ sơ.',
  resumeSupplement: 'Đã nhận hồ sơ bổ sung; thời hạn được tính lại.',
  refuse: 'Đã từ chối giải quyết hồ sơ.',
  apologize: 'Đã gia hạn và lập văn bản xin lỗi.',
  stop: 'Đã dừng giải quyết hồ sơ.',
  return: 'Đã trả kết quả cho người nộp.',
};

function ActionDialog({
  action,
  detail,
  onClose,
  onDone,
}: {
  readonly action: DossierAction;
  readonly detail: DossierDetail;
  readonly onClose: () => void;
  readonly onDone: (d: DossierDetail) => void;
}) {
  const [people, setPeople] = useState<Assignee[]>([]);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [items, setItems] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rating, setRating] = useState<RatingValue>(NO_RATING);
  const scale = useRatingScale();
  const next = detail.nextStep;
  useEffect(() => {
    if (action !== 'forward' || !isStepRole(next?.role)) return;
    api.desk.assignees({ role: next.role }).then(
      (list) => {
        setPeople(list);
        if (list.length === 1) setToUserId(list[0]?.id ?? null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [action, next]);

  const ref = { id: detail.dossier.id, expectedStep: detail.dossier.currentStep };
  const call = (): Promise<DossierDetail> => {
    switch (action) {
      case 'forward':
        return api.dossiers.forward({ ...ref, toUserId: toUserId ?? '', note: text });
      case 'requestSupplement':
        return api.dossiers.requestSupplement({
          ...ref,
          items: items
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          reason: text,
        });
      case 'resumeSupplement':
        return api.dossiers.resumeSupplement({ ...ref, note: text });
      case 'refuse':
        return api.dossiers.refuse({ ...ref, reason: text });
      case 'apologize':
        return api.dossiers.apologize({ ...ref, newDueDate: date ?? '', reason: text });
      case 'stop':
        return api.dossiers.stop({ ...ref, reason: text });
      case 'return':
        return api.dossiers.return({ ...ref, note: text, rating: ratingInput(rating) });
      default: {
        const never: never = action;
        return never;
      }
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action === 'forward' && !toUserId) return setError('Hãy chọn người nhận hồ sơ.');
    if (action === 'apologize' && !date) return setError('Hãy chọn ngày hẹn trả mới.');
    setBusy(true);
    try {
      onDone(await call());
      notifyDone(DONE[action]);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  const needsReason = ['requestSupplement', 'refuse', 'apologize', 'stop'].includes(action);
  return (
    <Modal opened onClose={onClose} title={ACTION_LABELS[action]} size="lg">
      <GuardedForm
        onSubmit={(e) => void submit(e)}
        aria-label={ACTION_LABELS[action]}
        onKeyDown={action === 'return' ? ratingKeys(scale, rating, setRating) : undefined}
      >
        <Stack>
          {error ? (
            <Alert color="red" role="alert" data-testid="action-error">
              {error}
            </Alert>
          ) : null}
          {action === 'forward' && next ? (
            <>
              <Text size="sm">
                Bước {next.no}: {next.name}
              </Text>
              <SelectField
                label="Người nhận"
                data={people.map((p) => ({ value: p.id, label: `${p.fullName} — ${p.title}` }))}
                value={toUserId}
                onChange={setToUserId}
                required
                data-autofocus
              />
            </>
          ) : null}
          {action === 'requestSupplement' ? (
            <TextareaField
              label="Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một mục)"
              autosize
              minRows={3}
              value={items}
              onChange={(e) => setItems(e.currentTarget.value)}
              required
              data-autofocus
            />
          ) : null}
          {action === 'apologize' ? (
            <VnDateInput label="Ngày hẹn trả mới" value={date} onChange={setDate} required />
          ) : null}
          {action === 'return' && scale ? (
            <RatingFields scale={scale} value={rating} onChange={setRating} allowNone autoFocus />
          ) : null}
          <TextareaField
            label={needsReason ? 'Lý do' : 'Ghi chú'}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required={needsReason}
            data-autofocus={
              ['forward', 'requestSupplement', 'return'].includes(action) ? undefined : true
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={ACTION_COLORS[action]} loading={busy}>
              Xác nhận
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

export function DossierActions({
  detail,
  onChange,
}: {
  readonly detail: DossierDetail;
  readonly onChange: (d: DossierDetail) => void;
}) {
  const [open, setOpen] = useState<DossierAction | null>(null);
  if (detail.actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Không có thao tác nào bạn có thể thực hiện ở bước này.
      </Text>
    );
  }
  return (
    <>
      <Group gap="xs">
        {detail.actions.map((a) => (
          <Button
            key={a}
            color={ACTION_COLORS[a]}
            variant={a === 'forward' || a === 'return' ? 'filled' : 'light'}
            onClick={() => setOpen(a)}
          >
            {ACTION_LABELS[a]}
          </Button>
        ))}
      </Group>
      {open ? (
        <ActionDialog
          action={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={(d) => {
            setOpen(null);
            onChange(d);
          }}
        />
      ) : null}
    </>
  );
}
