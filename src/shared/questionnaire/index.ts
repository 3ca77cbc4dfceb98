// Questionnaires as data: definition format, validation, and the pure engine.
export * from './schema';
export { parseQuestionnaire, assertQuestionnaire, describeIssue, QuestionnaireDefinitionError, type ParseResult, type DefinitionIssue } from './parse';
export * from './engine';
export { parseCondition, formatCondition, ExpressionError, type NameKind } from './expression';
