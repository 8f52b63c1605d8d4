// Công bố danh mục kiểm tra đánh giá nội bộ: the checklist by ISO 9001:2015 clause new internal
// audits are seeded from (the format of resources/qms/iso9001-checklist.json: every clause with
// its title and questions, the clauses a commune usually declares not applicable), checked with
// the schema the offices check, previewed, then published; an audit already planned keeps its
// checklist.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { clauseFile, type ClauseFile } from '../../core/qms/audit-checklist';
import { provinceApi } from './api';
import { formatCount } from './format';
import { JsonFileRow } from './json-file-row';
import { issueList, useJsonPublish } from './json-publish';

function parse(json: unknown): ClauseFile | string {
  const r = clauseFile.safeParse(json);
  return r.success ? r.data : `Danh mục kiểm tra không hợp lệ: ${issueList(r.error.issues)}`;
}

function preview(c: ClauseFile): string {
  const questions = c.clauses.reduce((n, cl) => n + cl.questions.length, 0);
  const na = c.notApplicableDefault.map((d) => d.clause).join(', ');
  return `${c.standard}: ${formatCount(c.clauses.length)} điều khoản, ${formatCount(questions)} câu hỏi${na ? `; thường không áp dụng: ${na}` : ''}`;
}

export function ChecklistPanel({ onPublished }: { readonly onPublished: () => void }) {
  const state = useJsonPublish(
    parse,
    async (c) => {
      await provinceApi.publishAuditChecklist(c);
      return `Đã công bố danh mục kiểm tra đánh giá nội bộ (${formatCount(c.clauses.length)} điều khoản).`;
    },
    onPublished,
  );
  const chosen = state.chosen;
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Danh mục kiểm tra đánh giá nội bộ</Title>
        <Text size="sm" c="dimmed">
          Tải lên tệp .json theo mẫu danh mục cài sẵn: mỗi điều khoản TCVN ISO 9001:2015 với tên và
          các câu hỏi kiểm tra. Các xã dùng danh mục mới khi lập kế hoạch đánh giá tiếp theo; cuộc
          đánh giá đã lập giữ nguyên danh mục của nó.
        </Text>
        <JsonFileRow
          label="Tệp danh mục kiểm tra (.json)"
          button={'Công bố danh mục kiểm tra'}
          state={state}
        />
        {chosen ? (
          <Text size="sm" data-testid="checklist-preview">
            {preview(chosen)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
