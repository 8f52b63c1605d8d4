// The logged-in frame: header (office, user, logout), navigation by permission, routes.
import 'dayjs/locale/vi';
import { DatesProvider } from '@mantine/dates';
import {
  AppShell,
  Badge,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Route, Router, Switch, useLocation } from 'wouter';
import { LeaveGuardDialog, leaveThen, useGuardedHashLocation } from './leave-guard';
import { ROLE_LABELS } from '../../../core/auth/roles';
import { useSession } from '../auth/session';
import { AccountScreen } from '../screens/account';
import { AuditScreen } from '../screens/audit';
import { BackupsScreen } from '../screens/backups';
import { BookScreen } from '../screens/desk/book';
import { CalendarScreen } from '../screens/desk/calendar';
import { CatalogDetailScreen } from '../screens/desk/catalog-detail';
import { CatalogScreen } from '../screens/desk/catalog';
import { DashboardScreen } from '../screens/desk/dashboard';
import { DeskSettingsScreen } from '../screens/desk/desk-settings';
import { DossierDetailScreen } from '../screens/desk/dossier-detail';
import { DossierListScreen } from '../screens/desk/dossier-list';
import { ReceiveScreen } from '../screens/desk/receive';
import { HomeScreen } from '../screens/home';
import { ActionDetailScreen } from '../screens/qms/action-detail';
import { DocumentDetailScreen } from '../screens/qms/documents/detail';
import { DocumentRegisterScreen } from '../screens/qms/documents/register';
import { AuditChecklistScreen } from '../screens/qms/audit/checklist';
import { AuditDetailScreen } from '../screens/qms/audit/detail';
import { AuditProgrammeScreen } from '../screens/qms/audit/programme';
import { VisitDetailScreen } from '../screens/qms/audit/visit-detail';
import { InboxScreen } from '../screens/qms/inbox';
import { DisposalDetailScreen } from '../screens/qms/records/disposal-detail';
import { RecordListScreen } from '../screens/qms/records/list-detail';
import { RecordsScreen } from '../screens/qms/records/screen';
import { ObjectivesScreen } from '../screens/qms/objectives/screen';
import { RiskDetailScreen } from '../screens/qms/risk/detail';
import { RiskRegisterScreen } from '../screens/qms/risk/register';
import { ReviewDetailScreen } from '../screens/qms/review/detail';
import { AnnouncementScreen } from '../screens/qms/announcement/screen';
import { YearlyReportScreen } from '../screens/qms/yearly/screen';
import { ReviewListScreen } from '../screens/qms/review/list';
import { FeedbackDetailScreen } from '../screens/qms/feedback/detail';
import { FeedbackRegisterScreen } from '../screens/qms/feedback/register';
import { SurveyDetailScreen, SurveysScreen } from '../screens/qms/surveys/screen';
import { NonconformityDetailScreen } from '../screens/qms/nonconformity/detail';
import { NonconformityRegisterScreen } from '../screens/qms/nonconformity/register';
import { SettingsScreen } from '../screens/settings';
import { SyncScreen } from '../screens/sync';
import { UsersScreen } from '../screens/users';
import { InboxProvider, useInbox } from './inbox-counts';
import { activeNavPath, NAV_ITEMS, navCounts, navTarget } from './nav';

function NavCount({ path }: { readonly path: string }) {
  const { data } = useInbox();
  const count = data ? navCounts(data.items).get(path) : undefined;
  if (!count) return null;
  return (
    <Badge
      size="sm"
      circle={count.total < 10}
      color={count.overdue > 0 ? 'red' : 'indigo'}
      data-testid={`nav-count-${path}`}
      aria-label={`${count.total} việc${count.overdue > 0 ? `, ${count.overdue} quá hạn` : ''}`}
    >
      {count.total}
    </Badge>
  );
}

function Nav() {
  const { can } = useSession();
  const [location, navigate] = useLocation();
  const active = activeNavPath(location);
  return (
    <Stack gap={2} component="nav" aria-label="Chức năng">
      {NAV_ITEMS.filter((i) => i.permission === null || can(i.permission)).map((item) => (
        <NavLink
          key={item.path}
          label={item.label}
          rightSection={<NavCount path={item.path} />}
          active={active === item.path}
          onClick={(e) => {
            e.preventDefault();
            navigate(navTarget(item.path));
          }}
          href={`#${item.path}`}
        />
      ))}
    </Stack>
  );
}

function Forbidden() {
  return <Text c="red">Bạn không có quyền xem trang này.</Text>;
}

export function Shell() {
  const { session, logout, can } = useSession();
  if (!session) return null;
  const guard = (permission: string, screen: React.ReactNode) =>
    can(permission) ? screen : <Forbidden />;
  return (
    <DatesProvider settings={{ locale: 'vi', firstDayOfWeek: 1 }}>
      <Router hook={useGuardedHashLocation}>
        <InboxProvider>
          <LeaveGuardDialog />
          <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
            <AppShell.Header px="md">
              <Group h="100%" justify="space-between">
                <Group gap="sm">
                  <Title order={4} c="indigo.8">
                    ISO Xã
                  </Title>
                  <Text size="sm" c="dimmed">
                    {session.office.name}
                  </Text>
                  {session.office.demo ? <Badge color="orange">Dữ liệu mẫu</Badge> : null}
                </Group>
                <Group gap="sm">
                  <Stack gap={0} align="flex-end">
                    <Text size="sm" fw={600} data-testid="current-user">
                      {session.user.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {session.user.roles.map((r) => ROLE_LABELS[r]).join(', ')}
                    </Text>
                  </Stack>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => leaveThen(() => void logout())}
                  >
                    Đăng xuất
                  </Button>
                </Group>
              </Group>
            </AppShell.Header>
            <AppShell.Navbar p="xs">
              {/* Scrolls when the entries outgrow a 768-pixel-high screen. */}
              <AppShell.Section grow component={ScrollArea}>
                <Nav />
              </AppShell.Section>
            </AppShell.Navbar>
            <AppShell.Main bg="gray.0">
              <Switch>
                <Route path="/receive">{guard('dossiers.receive', <ReceiveScreen />)}</Route>
                <Route path="/dossiers">{guard('dossiers.read', <DossierListScreen />)}</Route>
                <Route path="/dossiers/:id">
                  {(params) => guard('dossiers.read', <DossierDetailScreen id={params.id} />)}
                </Route>
                <Route path="/inbox">
                  <InboxScreen />
                </Route>
                <Route path="/qms/documents">
                  <DocumentRegisterScreen />
                </Route>
                <Route path="/qms/documents/:id">
                  {(params) => <DocumentDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/actions/:id">
                  {(params) => <ActionDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/nonconformities">
                  <NonconformityRegisterScreen />
                </Route>
                <Route path="/qms/nonconformities/:id">
                  {(params) => <NonconformityDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/objectives">{<ObjectivesScreen />}</Route>
                <Route path="/qms/risks">{<RiskRegisterScreen />}</Route>
                <Route path="/qms/risks/:id">{(p) => <RiskDetailScreen id={p.id} />}</Route>
                <Route path="/qms/records">{<RecordsScreen />}</Route>
                <Route path="/qms/records/:id">{(p) => <RecordListScreen id={p.id} />}</Route>
                <Route path="/qms/disposals/:id">{(p) => <DisposalDetailScreen id={p.id} />}</Route>
                <Route path="/qms/reviews">{<ReviewListScreen />}</Route>
                <Route path="/qms/announcement">{<AnnouncementScreen />}</Route>
                <Route path="/qms/yearly-report">{<YearlyReportScreen />}</Route>
                <Route path="/qms/yearly-report/:year">
                  {(p) => <YearlyReportScreen year={p.year} />}
                </Route>
                <Route path="/qms/reviews/:id">
                  {(params) => <ReviewDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/feedback">{<FeedbackRegisterScreen />}</Route>
                <Route path="/qms/feedback/:id">{(p) => <FeedbackDetailScreen id={p.id} />}</Route>
                <Route path="/qms/surveys">{<SurveysScreen />}</Route>
                <Route path="/qms/surveys/:id">{(p) => <SurveyDetailScreen id={p.id} />}</Route>
                <Route path="/qms/audits">
                  <AuditProgrammeScreen />
                </Route>
                <Route path="/qms/audits/:id">
                  {(params) => <AuditDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/visits/:id">
                  {(params) => <VisitDetailScreen id={params.id} />}
                </Route>
                <Route path="/qms/audits/:id/checklist">
                  {(params) => <AuditChecklistScreen id={params.id} />}
                </Route>
                <Route path="/book">{guard('reports.read', <BookScreen />)}</Route>
                <Route path="/catalog">{guard('catalog.read', <CatalogScreen />)}</Route>
                <Route path="/catalog/:id">
                  {(params) => guard('catalog.read', <CatalogDetailScreen id={params.id} />)}
                </Route>
                <Route path="/calendar">{guard('calendar.manage', <CalendarScreen />)}</Route>
                <Route path="/desk-settings">
                  {guard('office.manage', <DeskSettingsScreen />)}
                </Route>
                <Route path="/users">{guard('users.manage', <UsersScreen />)}</Route>
                <Route path="/settings">{guard('office.manage', <SettingsScreen />)}</Route>
                <Route path="/backups">{guard('backup.manage', <BackupsScreen />)}</Route>
                <Route path="/sync">
                  <SyncScreen />
                </Route>
                <Route path="/audit">{guard('audit.read', <AuditScreen />)}</Route>
                <Route path="/account">
                  <AccountScreen />
                </Route>
                <Route>{can('dossiers.read') ? <DashboardScreen /> : <HomeScreen />}</Route>
              </Switch>
            </AppShell.Main>
          </AppShell>
        </InboxProvider>
      </Router>
    </DatesProvider>
  );
}
