import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { diagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import { dayNumber, fromDayNumber } from '../../shared/plans/schedule';
import { beijingDate } from '../util/clock';
import { deptScopeOf, narrowScope } from './scope';
import { survivalReport } from './survival-data/survival-report';

const invalid = (path: string, zh: string, en: string) => new ApiError('invalid_input', `${zh} (${en})`, [{ path, message: en }]);
const isCalendarDay = (d: string) => fromDayNumber(dayNumber(d)) === d;

export const survivalHandlers = ({ store, clock, config }: Services): Pick<Handlers, 'reports.survival'> => ({
  'reports.survival': async (input, ctx) => {
    for (const key of ['cutOff', 'from', 'to'] as const)
      if (input[key] && !isCalendarDay(input[key])) throw invalid(key, '日期不存在', `${input[key]} is not a calendar date`);
    if (input.cutOff > beijingDate(clock.now())) throw invalid('cutOff', '截止日期不能晚于今天', 'the cut-off date must not be after today');
    if (input.from && input.to && input.from > input.to) throw invalid('to', '开始日期不能晚于结束日期', 'from must not be after to');
    const scope = narrowScope(await deptScopeOf(store.knex, ctx.user), input.deptIds);
    return survivalReport(store.knex, { ...input, deptIds: scope.all ? undefined : scope.deptIds }, diagnosisSynonyms(config.dataDir));
  },
});
