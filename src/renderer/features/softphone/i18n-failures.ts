// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';
import type { ReportStep } from './call-reporter';

// What the nurse is told when the softphone could not do or save something (softphone.failure.*,
// shown by <Notices> in Softphone.tsx). {{error}} is the translated reason. Chinese first; en has
// exactly the same keys.

const zhCN = {
  failure: {
    title: '电话功能出错',
    start: '本次通话未能记入通话记录，请在随访记录中手工登记。原因：{{error}}',
    answered: '通话的接通时间未能保存。原因：{{error}}',
    consent: '患者的录音同意未能保存，录音可能不会保留。原因：{{error}}',
    link: '通话未能关联到所选患者。原因：{{error}}',
    end: '通话的结束信息未能保存。原因：{{error}}',
    recording: '本次通话的录音未能保存。原因：{{error}}',
    outcome: '通话结果未能保存，请再点一次“确认结果”。原因：{{error}}',
    missed: '通话期间 {{number}} 的来电未能记入未接来电，请记下号码以便回拨。原因：{{error}}',
    lookup: '未能按来电号码查找患者。原因：{{error}}',
    mic: '通话中切换麦克风失败。原因：{{error}}',
    speaker: '切换听筒失败。原因：{{error}}',
    command: '话机未能执行该操作。原因：{{error}}',
  } satisfies Record<ReportStep | 'title', string> & Record<string, string>,
};

/** What went wrong, as the key of its message under softphone.failure. */
export type FailureKey = Exclude<keyof typeof zhCN.failure, 'title'>;

const en: SameKeys<typeof zhCN> = {
  failure: {
    title: 'Phone problem',
    start: 'This call could not be saved to the call log; record it in the follow-up by hand. Reason: {{error}}',
    answered: 'The time the call was answered could not be saved. Reason: {{error}}',
    consent: "The patient's consent to recording could not be saved; the recording may not be kept. Reason: {{error}}",
    link: 'The call could not be linked to the chosen patient. Reason: {{error}}',
    end: 'The end of the call could not be saved. Reason: {{error}}',
    recording: 'The recording of this call could not be saved. Reason: {{error}}',
    outcome: 'The call outcome could not be saved; click "Confirm outcome" again. Reason: {{error}}',
    missed: 'The call from {{number}} during your call could not be kept as a missed call; note the number to call back. Reason: {{error}}',
    lookup: "The caller's number could not be looked up. Reason: {{error}}",
    mic: 'Switching the microphone during the call failed. Reason: {{error}}',
    speaker: 'Switching the speaker failed. Reason: {{error}}',
    command: 'The phone could not do that. Reason: {{error}}',
  },
};

addFeatureStrings('softphone', zhCN, en);
