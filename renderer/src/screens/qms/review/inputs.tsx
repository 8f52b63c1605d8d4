// The review's 9.3.2 inputs on screen: each with its lines (assembled from the office's data,
// or frozen at the meeting) and the meeting's note on it, saved when the field is left. The
// resources input (9.3.2 d) is typed in itself.
import { Badge, Card, Grid, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ReviewInputView } from '../../../../../core/contract/reviews';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { Field } from '../../../components/field';
import { useAction } from '../../../components/use-action';

type TextKey = ReviewInputView['key'] | 'decisions';

/** One text of the review, saved at once when the user leaves it. */
export function ReviewText({
  reviewId,
  textKey,
  label,
  value,
  editable,
  minRows = 2,
  onSaved,
}: {
  readonly reviewId: string;
  readonly textKey: TextKey;
  readonly label: string;
  readonly value: string;
  readonly editable: boolean;
  readonly minRows?: number;
  readonly onSaved: (rev: number, text: string) => void;
}) {
  const [text, setText] = useState(value);
  const [saved, setSaved] = useState(value);
  const action = useAction();
  if (!editable) return <Field label={label}>{value}</Field>;
  const save = () => {
    if (text === saved) return;
    void action.run(async () => {
      const { rev } = await api.reviews.note({ id: reviewId, key: textKey, text });
      setSaved(text);
      onSaved(rev, text);
    });
  };
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        autosize
        minRows={minRows}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={save}
        description={action.busy ? 'Đang lưu...' : text !== saved ? 'Chưa lưu' : undefined}
      />
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

export function ReviewInputs({
  reviewId,
  inputs,
  notes,
  resources,
  editable,
  onSaved,
}: {
  readonly reviewId: string;
  readonly inputs: readonly ReviewInputView[];
  readonly notes: Readonly<Record<string, string>>;
  readonly resources: string;
  readonly editable: boolean;
  readonly onSaved: (rev: number) => void;
}) {
  return (
    <Stack gap="sm">
      {inputs.map((input) => (
        <Card withBorder key={input.key} data-testid="review-input" data-key={input.key}>
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Group gap="xs" mb={4}>
                <Badge variant="light" color="indigo" tt="none">
                  {input.clause}
                </Badge>
                <Text fw={600} size="sm">
                  {input.title}
                </Text>
              </Group>
              {input.key === 'resources' ? null : (
                <Stack gap={2}>
                  {input.lines.map((line, i) => (
                    <Text
                      key={i}
                      size="sm"
                      {...(input.hasData ? {} : { c: 'dimmed', fs: 'italic' })}
                    >
                      {input.hasData ? `• ${line}` : line}
                    </Text>
                  ))}
                </Stack>
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              {input.key === 'resources' ? (
                <ReviewText
                  reviewId={reviewId}
                  textKey="resources"
                  label="Nguồn lực (nhân lực, cơ sở vật chất, kinh phí)"
                  value={resources}
                  editable={editable}
                  onSaved={(rev) => onSaved(rev)}
                />
              ) : (
                <ReviewText
                  reviewId={reviewId}
                  textKey={input.key}
                  label="Ý kiến, kết luận"
                  value={notes[input.key] ?? ''}
                  editable={editable}
                  minRows={1}
                  onSaved={(rev) => onSaved(rev)}
                />
              )}
            </Grid.Col>
          </Grid>
        </Card>
      ))}
    </Stack>
  );
}
