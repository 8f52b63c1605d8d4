// Kiểm soát hồ sơ (ISO 7.5.3): the year's record lists (one per procedure or internal process),
// the dossiers whose retention has run out ("Đến hạn hủy") and the disposal decisions. Each
// tab keeps its place in the address (?tab=) so a reload or the inbox lands on it.
import { Stack, Tabs, Title } from '@mantine/core';
import { useLocation, useSearch } from 'wouter';
import { DisposalsTab } from './disposals-tab';
import { DueTab } from './due-tab';
import { ListsTab } from './lists-tab';

const TABS = ['lists', 'due', 'disposals'] as const;
type Tab = (typeof TABS)[number];

export function RecordsScreen() {
  const [, navigate] = useLocation();
  const asked = new URLSearchParams(useSearch()).get('tab');
  const tab: Tab = TABS.find((t) => t === asked) ?? 'lists';
  return (
    <Stack>
      <Title order={2}>Kiểm soát hồ sơ</Title>
      <Tabs value={tab} onChange={(t) => navigate(`/qms/records?tab=${t ?? 'lists'}`)}>
        <Tabs.List>
          <Tabs.Tab value="lists">Danh mục hồ sơ</Tabs.Tab>
          <Tabs.Tab value="due">Hồ sơ đến hạn hủy</Tabs.Tab>
          <Tabs.Tab value="disposals">Quyết định hủy hồ sơ</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="lists" pt="md">
          {tab === 'lists' ? <ListsTab /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="due" pt="md">
          {tab === 'due' ? <DueTab /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="disposals" pt="md">
          {tab === 'disposals' ? <DisposalsTab /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
