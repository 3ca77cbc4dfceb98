// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// A closed follow-up on the patient's timeline, under `timelineFollowup.*` (the timeline drawer
// opens from the finder too, where the follow-up screen's strings are not loaded).

const zhCN = {
  kind: '随访',
  nurse: '随访护士',
  answers: '答案（{{count}} 项）',
  dispo: { completed: '已完成', refused: '拒访', deceased: '死亡', no_contact: '未接通（失访）', no_valid_number: '无有效号码（失访）', other: '已结束' },
};

const en: SameKeys<typeof zhCN> = {
  kind: 'Follow-up',
  nurse: 'Nurse',
  answers: 'Answers ({{count}})',
  dispo: {
    completed: 'Completed',
    refused: 'Refused',
    deceased: 'Deceased',
    no_contact: 'No contact (lost)',
    no_valid_number: 'No valid number (lost)',
    other: 'Closed',
  },
};

addFeatureStrings('timelineFollowup', zhCN, en);
