import type { TFunction } from 'i18next';
import type { User } from '../../shared/model';
import type { HeadPage, Route } from './router';
import { ExportsPage } from '../features/exports/ExportsPage';
import { SurvivalPage } from '../features/survival/SurvivalPage';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BuilderPage } from '../features/reports/BuilderPage';
import { DashboardPage } from '../features/reports/DashboardPage';
import '../features/exports/i18n';
import '../features/survival/i18n';
import '../features/users/i18n';
import '../features/audit/i18n';
import '../features/reports/i18n';

// The statistics side of the app shell: who sees which page, the menu entries and the pages.
// Heads (and admins) see statistics; everyone sees their exports; admins manage users and read the audit log.

const MAY: Record<HeadPage, (u: User) => boolean> = {
  dashboard: (u) => u.role !== 'nurse',
  reports: (u) => u.role !== 'nurse',
  survival: (u) => u.role !== 'nurse',
  exports: () => true,
  users: (u) => u.role === 'admin',
  audit: (u) => u.role === 'admin',
};

const LABEL: Record<HeadPage, string> = {
  dashboard: 'reports.nav.dashboard',
  reports: 'reports.nav.builder',
  survival: 'survival.nav',
  exports: 'exports.nav',
  users: 'users.nav',
  audit: 'audit.nav',
};

const ORDER: HeadPage[] = ['dashboard', 'reports', 'survival', 'exports', 'users', 'audit'];

export function headMenuItems(user: User, t: TFunction) {
  return ORDER.filter((p) => MAY[p](user)).map((p) => ({ key: p, label: t(LABEL[p]), 'data-testid': `nav-${p}` }));
}

/** The statistics page the route names, if this user may see it (else the shell shows the finder). */
export function headMenuKey(route: Route, user: User): HeadPage | null {
  const page = (ORDER as string[]).includes(route.name) ? (route.name as HeadPage) : null;
  return page && MAY[page](user) ? page : null;
}

export function headRouteOf(key: string): Route | null {
  return (ORDER as string[]).includes(key) ? { name: key as HeadPage } : null;
}

/** A head's landing page after sign-in is the dashboard. */
export const landingRoute = (user: User): Route | null => (user.role === 'head' ? { name: 'dashboard' } : null);

export function HeadPages({ route, user }: { route: Route; user: User }) {
  const page = headMenuKey(route, user);
  if (!page) return null;
  switch (page) {
    case 'dashboard':
      return <DashboardPage user={user} />;
    case 'reports':
      return <BuilderPage user={user} />;
    case 'survival':
      return <SurvivalPage user={user} />;
    case 'exports':
      return <ExportsPage user={user} />;
    case 'users':
      return <UsersPage me={user} />;
    case 'audit':
      return <AuditPage />;
  }
}
