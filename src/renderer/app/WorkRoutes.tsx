import type { TFunction } from 'i18next';
import type { User } from '../../shared/model';
import { FollowupPage } from '../features/followup/FollowupPage';
import { PlansPage } from '../features/plans/PlansPage';
import { QueuePage } from '../features/queue/QueuePage';
import '../features/queue/i18n';
import '../features/plans/i18n';
import type { Route } from './router';

// The follow-up work in the app shell: menu entries, which routes are ours, and the pages.
// The queue and the follow-up screen are for nurses and heads; plans for heads and admins.

const canWork = (u: User) => u.role === 'nurse' || u.role === 'head';
const canPlan = (u: User) => u.role === 'head' || u.role === 'admin';

export function workMenuItems(user: User, t: TFunction) {
  return [
    ...(canWork(user) ? [{ key: 'queue', label: t('queue.nav'), 'data-testid': 'nav-queue' }] : []),
    ...(canPlan(user) ? [{ key: 'plans', label: t('plans.nav'), 'data-testid': 'nav-plans' }] : []),
  ];
}

/** The menu key of a work route (the follow-up screen belongs to the queue), else null. */
export function workMenuKey(route: Route): string | null {
  if (route.name === 'queue' || route.name === 'followup') return 'queue';
  if (route.name === 'plans') return 'plans';
  return null;
}

export function workRouteOf(key: string): Route | null {
  return key === 'queue' ? { name: 'queue' } : key === 'plans' ? { name: 'plans' } : null;
}

export function WorkPages({ route, user }: { route: Route; user: User }) {
  if (route.name === 'queue' && canWork(user)) return <QueuePage user={user} />;
  if (route.name === 'followup' && canWork(user)) return <FollowupPage key={route.taskId} taskId={route.taskId} />;
  if (route.name === 'plans' && canPlan(user)) return <PlansPage planId={route.planId ?? null} />;
  return null;
}
