// Công bố thang đánh giá và bộ câu hỏi khảo sát: a JSON file with `scales` (rating scales) or
// `sets` (survey question sets, the format of resources/qms/survey-sets.json), checked here
// with the same schemas the server and the offices check, previewed, then published, each at
// the next version of its key; offices take them at their next sync.
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import { publishRatingScalesRequest } from '../../core/qms/rating';
import { publishSurveySetsRequest } from '../../core/qms/survey';
import { provinceApi } from './api';
import { JsonFileRow } from './json-file-row';
import { issueList, useJsonPublish } from './json-publish';
import { formatCount } from './format';

type Chosen =
  | { readonly kind: 'scales'; readonly body: z.output<typeof publishRatingScalesRequest> }
  | { readonly kind: 'sets'; readonly body: z.output<typeof publishSurveySetsRequest> };

function parse(json: unknown): Chosen | string {
  const isObject = typeof json === 'object' && json !== null;
  if (isObject && 'scales' in json) {
    const r = publishRatingScalesRequest.safeParse(json);
    return r.success
      ? { kind: 'scales', body: r.data }
      : `Thang đánh giá không hợp lệ: ${issueList(r.error.issues)}`;
  }
  if (isObject && 'sets' in json) {
    const r = publishSurveySetsRequest.safeParse(json);
    return r.success
      ? { kind: 'sets', body: r.data }
      : `Bộ câu hỏi không hợp lệ: ${issueList(r.error.issues)}`;
  }
  return 'Tệp phải có danh sách "scales" (thang đánh giá) hoặc "sets" (bộ câu hỏi khảo sát).';
}

function preview(c: Chosen): string {
  return c.kind === 'scales'
    ? c.body.scales
        .map((s) => `${s.name} (${s.levels.map((l) => l.label).join(' / ')})`)
        .join(' · ')
    : c.body.sets.map((s) => `${s.title} (${s.questions.length} câu hỏi)`).join(' · ');
}

export function SatisfactionPanel({ onPublished }: { readonly onPublished: () => void }) {
  const state = useJsonPublish(
    parse,
    async (c) => {
      const { published } =
        c.kind === 'scales'
          ? await provinceApi.publishRatingScales(c.body)
          : await provinceApi.publishSurveySets(c.body);
      return `Đã công bố ${formatCount(published.length)} ${c.kind === 'scales' ? 'thang đánh giá' : 'bộ câu hỏi khảo sát'}.`;
    },
    onPublished,
  );
  const chosen = state.chosen;
  const count = chosen ? (chosen.kind === 'scales' ? chosen.body.scales : chosen.body.sets) : [];
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Thang đánh giá sự hài lòng và bộ câu hỏi khảo sát</Title>
        <Text size="sm" c="dimmed">
          Tải lên tệp .json có danh sách thang đánh giá (&quot;scales&quot;) hoặc bộ câu hỏi khảo
          sát (&quot;sets&quot;, cùng mẫu với bộ câu hỏi cài sẵn). Các xã đánh giá trên thang mới
          nhất và chọn bộ câu hỏi khi lập cuộc khảo sát; đánh giá và khảo sát đã có giữ nguyên phiên
          bản cũ. Công bố lại với &quot;withdrawn&quot;: true để thu hồi.
        </Text>
        <JsonFileRow
          label="Tệp thang đánh giá hoặc bộ câu hỏi (.json)"
          button={
            chosen
              ? `Công bố ${formatCount(count.length)} ${chosen.kind === 'scales' ? 'thang đánh giá' : 'bộ câu hỏi'}`
              : 'Công bố'
          }
          state={state}
        />
        {chosen ? (
          <Text size="sm" data-testid="satisfaction-preview">
            {preview(chosen)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
