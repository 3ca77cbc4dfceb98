// The questionnaire engine: pure functions over a validated definition and an answer set.
// Shared by the main process (storing responses, queue priority) and the renderer (live
// scoring on the follow-up screen); no Node or browser APIs.

export { resolveVisibility, visibleItems, pruneHidden, type Visibility } from './visibility';
export { validateAnswers, type AnswerIssue, type AnswerIssueCode } from './validate-answers';
export { score, bandOf, worstColor, type BandResult, type ScoreOutcome, type ScoreResult, type TriggerResult } from './scoring';
export { evaluate, answerTest, conditionRefs, type ConditionContext, type ScoreState } from './conditions';
export { isAnswered, isIsoDate } from './answers';
