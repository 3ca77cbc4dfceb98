import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_COLUMNS } from '../../src/main/his/columns';
import { ENTITIES } from '../../src/main/his/profile';
import { STAY_STATES } from '../../src/shared/stay-status';

// docs/his-profile.md is what a hospital's IT admin writes a profile from: it must keep naming
// every entity, canonical column and stay state the sync reads, and its worked example must stay
// the profile test/integration/his-b-counts.test.ts syncs.
const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'docs/his-profile.md'), 'utf8');

/** The table rows of the §6 subsection of one entity. */
function entitySection(entity: string): string {
  const start = doc.search(new RegExp(`^### 6\\.\\d+ \`${entity}\``, 'm'));
  if (start < 0) return '';
  const end = doc.indexOf('\n### ', start + 1);
  return doc.slice(start, end < 0 ? doc.indexOf('\n## ', start) : end);
}

describe('docs/his-profile.md', () => {
  it.each(ENTITIES)('documents every canonical column of %s with its type and whether it is required', (entity) => {
    const section = entitySection(entity);
    expect(section, `no §6 subsection for ${entity}`).not.toBe('');
    for (const c of ENTITY_COLUMNS[entity].columns) {
      const row = section.split('\n').find((l) => l.startsWith(`| \`${c.name}\``));
      // The person columns of checkups are documented once, under patients.
      if (!row && entity === 'checkups' && entitySection('patients').includes(`| \`${c.name}\``)) continue;
      expect(row, `${entity}.${c.name} is not in the doc`).toBeDefined();
      const cells = row!.split('|').map((x) => x.trim());
      expect(cells[2], `${entity}.${c.name} type`).toBe(c.type);
      if (c.required) expect(cells[3], `${entity}.${c.name} is required`).toMatch(/^R/);
      else expect(cells[3], `${entity}.${c.name} is optional`).not.toMatch(/^R/);
    }
  });

  it('names every stay state', () => {
    for (const s of STAY_STATES) expect(doc).toContain(`| \`${s}\``);
  });

  it("shows the worked example's profile.json as the test HIS's profile", () => {
    const at = doc.indexOf('```json', doc.indexOf('`profile.json` (the installed'));
    const shown = JSON.parse(doc.slice(at + '```json'.length, doc.indexOf('```', at + 7)));
    const fixture = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/his-b/profile/profile.json'), 'utf8'));
    expect({ ...fixture, description: undefined }).toEqual({ ...shown, description: undefined });
  });
});
