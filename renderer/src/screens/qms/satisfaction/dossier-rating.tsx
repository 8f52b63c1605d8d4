// On a returned dossier's detail: the citizen's rating (level, criteria, how it was taken), or
// "Ghi đánh giá từ phiếu" to copy a paper slip later; a rating typed wrongly is voided with a
// reason by the ISO secretary or a leader, then typed again.
import { Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { ratingData, RATING_CHANNEL_LABELS } from '../../../../../core/qms/rating';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../../format';
import { TransitionDialog } from '../transition-dialog';
import {
  NO_RATING,
  RatingFields,
  ratingKeys,
  useRatingScale,
  type RatingValue,
} from './rating-fields';

const SLIP_ROLES = ['desk_officer', 'iso_coordinator', 'leader'];

function SlipDialog({
  dossierId,
  onClose,
  onDone,
}: {
  readonly dossierId: string;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const scale = useRatingScale();
  const [value, setValue] = useState<RatingValue>(NO_RATING);
  const [date, setDate] = useState<string | null>(civilDateOf(Date.now()));
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.level) return action.setError('Hãy chọn mức đánh giá ghi trên phiếu.');
    if (!date) return action.setError('Hãy nhập ngày đánh giá.');
    const level = value.level;
    void action.run(async () => {
      await api.ratings.record({
        dossierId,
        ratedOn: date,
        level,
        criteria: { ...value.criteria },
        comment: value.comment,
      });
      notifyDone('Đã ghi đánh giá sự hài lòng.');
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} title="Ghi đánh giá từ phiếu giấy" size="lg">
      <form
        onSubmit={submit}
        aria-label="Ghi đánh giá từ phiếu giấy"
        onKeyDown={ratingKeys(scale, value, setValue)}
      >
        <Stack>
          <ErrorAlert error={action.error} />
          {scale ? (
            <RatingFields
              scale={scale}
              value={value}
              onChange={setValue}
              allowNone={false}
              autoFocus
            />
          ) : null}
          <VnDateInput
            label="Ngày đánh giá (ghi trên phiếu)"
            value={date}
            onChange={setDate}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Ghi đánh giá
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DossierRating({
  dossierId,
  returned,
}: {
  readonly dossierId: string;
  readonly returned: boolean;
}) {
  const { session } = useSession();
  const scale = useRatingScale();
  const [slip, setSlip] = useState(false);
  const [voiding, setVoiding] = useState(false);
  // Loaded again once the dossier is returned (the rating rides on the return).
  const loaded = useLoad(
    useCallback(
      () => (returned ? api.ratings.ofDossier({ dossierId }) : Promise.resolve(null)),
      [dossierId, returned],
    ),
  );
  if (!returned) return null;
  const rating = loaded.data;
  const data = rating ? ratingData.safeParse(rating.data) : null;
  const label = (key: string) => scale?.levels.find((l) => l.key === key)?.label ?? key;
  const mayCopy = session?.user.roles.some((r) => SLIP_ROLES.includes(r)) ?? false;
  const voidMove = rating?.transitions.find((t) => t.name === 'void');
  return (
    <Card withBorder data-testid="dossier-rating">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Đánh giá sự hài lòng</Text>
        {!rating && mayCopy && !loaded.loading ? (
          <Button size="xs" variant="light" onClick={() => setSlip(true)}>
            Ghi đánh giá từ phiếu
          </Button>
        ) : null}
        {voidMove ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setVoiding(true)}>
            Hủy đánh giá nhập nhầm
          </Button>
        ) : null}
      </Group>
      {data?.success ? (
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={data.data.satisfied ? 'green' : 'red'} variant="light">
              {label(data.data.level)}
            </Badge>
            <Text size="sm" c="dimmed">
              {RATING_CHANNEL_LABELS[data.data.channel]}, ngày {formatCivilDate(data.data.ratedOn)}
            </Text>
          </Group>
          {Object.entries(data.data.criteria).map(([key, level]) => (
            <Text size="sm" key={key}>
              {scale?.criteria.find((c) => c.key === key)?.label ?? key}: {label(level)}
            </Text>
          ))}
          {data.data.comment ? <Text size="sm">Ý kiến: {data.data.comment}</Text> : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Người dân chưa đánh giá hồ sơ này.
        </Text>
      )}
      {slip ? (
        <SlipDialog
          dossierId={dossierId}
          onClose={() => setSlip(false)}
          onDone={() => {
            setSlip(false);
            loaded.reload();
          }}
        />
      ) : null}
      {voiding && rating && voidMove ? (
        <TransitionDialog
          record={rating}
          transition={voidMove}
          words={{ title: 'Hủy đánh giá nhập nhầm', comment: 'Lý do hủy', color: 'red' }}
          onClose={() => setVoiding(false)}
          onDone={() => {
            setVoiding(false);
            loaded.reload();
          }}
        />
      ) : null}
    </Card>
  );
}
