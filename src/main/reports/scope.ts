import type { DeptScope } from '../auth/access';

// A user's departments (DeptScope, deptScopeOf, narrowScope) live with the other access rules in
// src/main/auth/access.ts, which the finder, the queue and the calls apply as the reports do.
export { deptScopeOf, narrowScope, type DeptScope } from '../auth/access';

/** For output: null means every department. */
export const scopeDeptIds = (scope: DeptScope): number[] | null => (scope.all ? null : scope.deptIds);
