// How the department box matches what a nurse types: 肿瘤科 finds 肿瘤内科 and 肿瘤外科 (the typed
// characters appear in order), zlnk finds 肿瘤内科 (pinyin initials), and so do former names.
// Shared so the rule is unit-tested outside the browser.

export interface MatchableDepartment {
  name: string;
  formerNames: string[];
  /** Pinyin initials of name and former names (main computes them: src/main/patients/departments.ts). */
  initials: string[];
}

/** Every character of `needle` appears in `hay`, in order, not necessarily together. */
export function inOrder(needle: string, hay: string): boolean {
  let at = 0;
  for (const c of needle) {
    at = hay.indexOf(c, at);
    if (at < 0) return false;
    at += c.length;
  }
  return true;
}

/**
 * How well the typed text fits a department: 0 not at all; 3 part of a name (肿瘤内), 2 part of
 * its initials (zlnk, lnk), 1 characters in order (肿瘤科, zlk). Better fits are listed first.
 */
export function departmentMatch(typed: string, dept: MatchableDepartment): number {
  const q = typed.replace(/\s+/g, '').toLowerCase();
  if (!q) return 1;
  const names = [dept.name, ...dept.formerNames].map((n) => n.toLowerCase());
  if (names.some((n) => n.includes(q))) return 3;
  if (dept.initials.some((i) => i.includes(q))) return 2;
  if (names.some((n) => inOrder(q, n)) || dept.initials.some((i) => inOrder(q, i))) return 1;
  return 0;
}
