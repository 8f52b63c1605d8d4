// The logged-in frame: header (province user, logout), navigation, hash routes.
import { AppShell, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { ProvinceUser } from './app';
import { NewOfficeScreen } from './new-office';
import { OfficeDetailScreen } from './office-detail';
import { OfficesScreen } from './offices';
import { OfficeQmsScreen } from './office-qms';
import { PublishScreen } from './publish';
import { QmsScreen } from './qms';
import { SyncFilesScreen } from './sync-files';

const NAV = [
  { path: '/', label: 'Tổng quan các xã' },
  { path: '/qms', label: 'Hệ thống chất lượng' },
  { path: '/new-office', label: 'Thêm xã, cấp mã' },
  { path: '/publish', label: 'Công bố' },
  { path: '/sync-files', label: 'Tệp đồng bộ (USB)' },
] as const;

function Nav() {
  const [location, navigate] = useLocation();
  const active = location.startsWith('/offices')
    ? '/'
    : location.startsWith('/qms')
      ? '/qms'
      : location;
  return (
    <Stack gap={2} component="nav" aria-label="Chức năng">
      {NAV.map((item) => (
        <NavLink
          key={item.path}
          label={item.label}
          active={active === item.path}
          href={`#${item.path}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(item.path);
          }}
        />
      ))}
    </Stack>
  );
}

export function Shell({
  user,
  onLogout,
}: {
  readonly user: ProvinceUser;
  readonly onLogout: () => void;
}) {
  return (
    <Router hook={useHashLocation}>
      <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between">
            <Group gap="sm">
              <Title order={4} c="indigo.8">
                ISO Xã
              </Title>
              <Text size="sm" c="dimmed">
                Bảng điều khiển của tỉnh
              </Text>
            </Group>
            <Group gap="sm">
              <Text size="sm" fw={600} data-testid="current-user">
                {user.displayName}
              </Text>
              <Button variant="default" size="xs" onClick={onLogout}>
                Đăng xuất
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <Nav />
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0">
          <Switch>
            <Route path="/new-office">
              <NewOfficeScreen />
            </Route>
            <Route path="/offices/:id">{(params) => <OfficeDetailScreen id={params.id} />}</Route>
            <Route path="/qms/:id">{(params) => <OfficeQmsScreen id={params.id} />}</Route>
            <Route path="/qms">
              <QmsScreen />
            </Route>
            <Route path="/publish">
              <PublishScreen />
            </Route>
            <Route path="/sync-files">
              <SyncFilesScreen />
            </Route>
            <Route>
              <OfficesScreen />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </Router>
  );
}
