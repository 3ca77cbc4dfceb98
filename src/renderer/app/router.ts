import { useSyncExternalStore } from 'react';

// Hash routes so a reload (and Electron's file:// load) keeps the screen without server help.
export type Route =
  | { name: 'finder' }
  | { name: 'patient'; patientId: number }
  | { name: 'sync' }
  | { name: 'phone' }
  | { name: 'queue' }
  | { name: 'followup'; taskId: number }
  | { name: 'plans'; planId?: number }
  | { name: HeadPage };

/** The statistics side: dashboard, report builder, survival, exports, user management and the audit log (admins). */
export const headPages = ['dashboard', 'reports', 'survival', 'exports', 'users', 'audit'] as const;
export type HeadPage = (typeof headPages)[number];
const isHeadPage = (s: string): s is HeadPage => (headPages as readonly string[]).includes(s);

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const patient = /^\/patients\/(\d+)$/.exec(path);
  if (patient) return { name: 'patient', patientId: Number(patient[1]) };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/phone') return { name: 'phone' };
  const head = path.slice(1);
  if (isHeadPage(head)) return { name: head };
  const work = /^\/(queue|followup|plans)(?:\/(\d+))?$/.exec(path);
  if (work?.[1] === 'followup' && work[2]) return { name: 'followup', taskId: Number(work[2]) };
  if (work?.[1] === 'plans') return work[2] ? { name: 'plans', planId: Number(work[2]) } : { name: 'plans' };
  if (work?.[1] === 'queue') return { name: 'queue' };
  return { name: 'finder' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'patient':
      return `#/patients/${route.patientId}`;
    case 'sync':
      return '#/sync';
    case 'phone':
      return '#/phone';
    case 'queue':
      return '#/queue';
    case 'followup':
      return `#/followup/${route.taskId}`;
    case 'plans':
      return route.planId ? `#/plans/${route.planId}` : '#/plans';
    case 'dashboard':
    case 'reports':
    case 'survival':
    case 'exports':
    case 'users':
    case 'audit':
      return `#/${route.name}`;
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}
