import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { User } from '../../../shared/model';
import { SoftphoneController, type SoftphoneSnapshot } from './controller';
import './i18n';

const Ctx = createContext<SoftphoneController | null>(null);

/**
 * One softphone per signed-in user, mounted by the app shell so a call survives moving between
 * screens and an incoming call pops up wherever the nurse is.
 */
export function SoftphoneProvider({ user, children }: { user: User; children: ReactNode }) {
  const [controller] = useState(() => new SoftphoneController());
  useEffect(() => {
    void controller.start();
    // A WebSocket refused by the CSP fails without an error sip.js could report.
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (/^wss?:/.test(e.blockedURI)) controller.blocked(`${e.violatedDirective} ${e.blockedURI}`);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    // Test and support hook: the SIP ladder and state, read-only, for diagnostics.
    (window as unknown as { __softphone?: unknown }).__softphone = { snapshot: controller.getSnapshot, ladder: () => controller.ladder };
    return () => {
      document.removeEventListener('securitypolicyviolation', onViolation);
      controller.dispose();
    };
  }, [controller, user.id]);
  return <Ctx.Provider value={controller}>{children}</Ctx.Provider>;
}

export function useSoftphoneController(): SoftphoneController {
  const c = useContext(Ctx);
  if (!c) throw new Error('useSoftphone outside <SoftphoneProvider>');
  return c;
}

export interface UseSoftphone extends SoftphoneSnapshot {
  controller: SoftphoneController;
}

/** The softphone's state and commands: registration, the current call, devices, screen pop. */
export function useSoftphone(): UseSoftphone {
  const controller = useSoftphoneController();
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return { ...snap, controller };
}
