import { Alert, App, Card, Tabs } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowupView } from '../../../shared/contract/followup';
import { score, validateAnswers, visibleItems, type Answer, type Answers } from '../../../shared/questionnaire';
import { navigate } from '../../app/router';
import { isTyping } from '../queue/keys';
import { useTakeNext } from '../queue/queries';
import { FollowupHeader } from './FollowupHeader';
import { HistoryPane } from './HistoryPane';
import { attemptSinceClaim, blockers, completeInput, emptyForm, needsDialConfirm, type OutcomeForm } from './outcome';
import { clearOutcome, loadOutcome, saveOutcome } from './outcome-draft';
import { OutcomePanel } from './OutcomePanel';
import { PhonePanel } from './PhonePanel';
import { useComplete, useLogAttempt, useRelease } from './queries';
import { Questionnaire } from './Questionnaire';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ScorePanel } from './ScorePanel';
import { ScriptPane } from './ScriptPane';
import { ShortcutHelp } from './ShortcutHelp';
import { TimelinePane } from './TimelinePane';
import { TreatmentStartBar } from './TreatmentStartBar';
import { inLanguage } from '../../../shared/bilingual';
import { CriticalValueCard } from '../critical-value/CriticalValueCard';
import { useDraftSaver } from './useDraft';
import { itemSelector, useFocusRequest } from './useFocus';

const DISPOSITION = '[data-testid="disposition"]';

function initialAnswers(view: FollowupView): Answers {
  const out: Answers = {};
  for (const [k, v] of Object.entries(view.response?.answers ?? {})) if (v !== null && v !== undefined) out[k] = v as Answer;
  return out;
}

/** One follow-up call: mounted per task, starting from the answers main has stored. */
export function Workspace({ view }: { view: FollowupView }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { task, editable, questionnaire: def } = view;
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(view));
  // The closing form she chose before a reload comes back (answers come back from main).
  const [form, setForm] = useState<OutcomeForm>(
    () =>
      (editable ? loadOutcome(task.id, task.claimedAt) : null) ??
      emptyForm(
        view.education.filter((e) => e.given).map((e) => e.code),
        view.phones.find((p) => p.suggested)?.number,
      ),
  );
  const closed = useRef(false);
  const confirming = useRef(false);
  const [identity, setIdentity] = useState(false);
  const [consent, setConsent] = useState(false);
  const [help, setHelp] = useState(false);
  const draft = useDraftSaver(task.id, editable);
  const focus = useFocusRequest();
  const complete = useComplete();
  const logAttempt = useLogAttempt(task.id);
  const release = useRelease();
  const takeNext = useTakeNext();

  const items = useMemo(() => (def ? visibleItems(def, answers) : []), [def, answers]);
  const outcome = useMemo(() => (def ? score(def, answers) : null), [def, answers]);
  const issues = useMemo(() => (def ? validateAnswers(def, answers) : []), [def, answers]);
  const criticalUntold = view.criticalValue?.taskId === task.id && !view.criticalValue.notification;
  const blocked = blockers(form, { editable, def, issues, outcome, criticalUntold });
  const started = Object.keys(answers).length > 0;

  const advanceFrom = (id: string, after: Answers) => {
    const asked = (def ? visibleItems(def, after) : []).filter((i) => i.type !== 'display');
    const next = asked[asked.findIndex((i) => i.id === id) + 1];
    focus(next ? itemSelector(next.id) : DISPOSITION);
  };
  const onAnswer = (id: string, a: Answer | undefined, advance: boolean) => {
    const next = { ...answers };
    if (a === undefined) delete next[id];
    else next[id] = a;
    setAnswers(next);
    draft.schedule(next);
    if (advance) advanceFrom(id, next);
  };

  /** A phone follow-up with no dial since she claimed it asks first; Enter confirms, Esc goes back. */
  const confirmNoDial = async (): Promise<boolean> => {
    if (!needsDialConfirm(task.channel, view.attempts, task.claimedAt, form)) return true;
    confirming.current = true;
    try {
      return await modal.confirm({
        title: t('followup.noDial.title'),
        content: t('followup.noDial.content'),
        okText: t('followup.noDial.ok'),
        cancelText: t('followup.noDial.cancel'),
        autoFocusButton: 'ok',
        keyboard: true,
        className: 'fu-no-dial',
      });
    } finally {
      confirming.current = false;
    }
  };

  const submit = async (goNext: boolean) => {
    if (blocked.length || complete.isPending || confirming.current) return;
    if (!(await confirmNoDial())) return;
    try {
      if (form.disposition === 'no_contact' && !attemptSinceClaim(view.attempts, task.claimedAt, form))
        await logAttempt.mutateAsync({ phoneNumber: form.attemptNumber!, outcome: form.attemptOutcome! });
      await complete.mutateAsync(completeInput(task.id, form, def, answers));
    } catch {
      return; // the mutation cache has shown why
    }
    draft.stop();
    closed.current = true;
    clearOutcome(task.id);
    void message.success(t('followup.done'));
    if (goNext) takeNext.mutate();
    else navigate({ name: 'queue' });
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  // Start where the work is: the first unanswered question, else the outcome. Once per task
  // (the workspace is mounted per task), not on every answer.
  useEffect(() => {
    if (!editable) return;
    const first = items.filter((i) => i.type !== 'display').find((i) => answers[i.id] === undefined);
    focus(first ? itemSelector(first.id) : DISPOSITION);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submitRef.current(true);
      } else if (e.key === '?' && !isTyping(e.target)) {
        e.preventDefault();
        setHelp((h) => !h);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (editable && !closed.current) saveOutcome(task.id, task.claimedAt, form);
  }, [form, editable, task.id, task.claimedAt]);

  const onRelease = () => {
    draft.flush();
    closed.current = true;
    clearOutcome(task.id);
    release.mutate(task.id, { onSuccess: () => navigate({ name: 'queue' }) });
  };
  const patch = (p: Partial<OutcomeForm>) => setForm((f) => ({ ...f, ...p }));

  return (
    <div className="fu-page" data-testid="followup-page" data-task-id={task.id} data-editable={editable ? 'true' : 'false'}>
      <FollowupHeader
        task={task}
        colour={started && outcome ? outcome.warningColor : task.colour}
        draft={draft.state}
        editable={editable}
        onRelease={onRelease}
        onHelp={() => setHelp(true)}
      />
      {view.enrolment.treatmentStart && <TreatmentStartBar info={view.enrolment.treatmentStart} taskId={task.id} />}
      {view.criticalValue && <CriticalValueCard info={view.criticalValue} taskId={task.id} editable={editable} />}
      {!editable && <ReadOnlyBanner task={task} />}
      {view.escalations.some((e) => e.status === 'open') && (
        // A note main wrote (a missed critical-value deadline) is "中文 (English)": the screen's half.
        <Alert
          type="error"
          showIcon
          className="fu-open-escalation"
          title={inLanguage(view.escalations.find((e) => e.status === 'open')!.note, i18n.language === 'en' ? 'en' : 'zh')}
        />
      )}
      <div className="fu-grid">
        <div className="fu-col">
          <PhonePanel phones={view.phones} patientId={task.patientId} taskId={task.id} consent={consent} editable={editable} />
          <Card size="small" className="fu-card fu-side">
            <Tabs
              size="small"
              items={[
                {
                  key: 'script',
                  label: t('followup.tabs.script'),
                  children: (
                    <ScriptPane
                      script={view.script}
                      identity={identity}
                      consent={consent}
                      onIdentity={setIdentity}
                      onConsent={setConsent}
                      disabled={!editable}
                    />
                  ),
                },
                { key: 'timeline', label: t('followup.tabs.timeline'), children: <TimelinePane patientId={task.patientId} /> },
                { key: 'history', label: `${t('followup.tabs.history')} (${view.history.length})`, children: <HistoryPane view={view} /> },
              ]}
            />
          </Card>
        </div>
        <div className="fu-col fu-col-main">
          <Questionnaire
            def={def}
            items={items}
            answers={answers}
            issues={issues}
            disabled={!editable}
            onAnswer={onAnswer}
            onNext={(id) => advanceFrom(id, answers)}
          />
        </div>
        <div className="fu-col">
          <ScorePanel outcome={outcome} started={started} />
          <OutcomePanel
            form={form}
            patch={patch}
            phones={view.phones}
            education={view.education}
            escalate={!!outcome?.escalate}
            blocked={blocked}
            disabled={!editable}
            submitting={complete.isPending || logAttempt.isPending || takeNext.isPending}
            onSubmit={(goNext) => void submit(goNext)}
            focus={focus}
          />
        </div>
      </div>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
