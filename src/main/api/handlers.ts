import { authHandlers } from '../auth/handlers';
import { userHandlers } from '../auth/user-handlers';
import { auditHandlers } from '../auth/audit-handlers';
import { callHandlers } from '../calls/handlers';
import { voiceProviderHandlers } from '../calls/voice-provider';
import { syncHandlers } from '../his/handlers';
import { messagingHandlers } from '../messaging/handlers';
import { patientHandlers } from '../patients/handlers';
import { planHandlers } from '../plans/handlers';
import { treatmentStartHandlers } from '../plans/treatment-start-handlers';
import { questionnaireListHandlers } from '../plans/questionnaire-list';
import { exportHandlers } from '../exports/handlers';
import { reportHandlers } from '../reports/handlers';
import { survivalHandlers } from '../reports/survival-handlers';
import { followupHandlers } from '../tasks/handlers';
import { followupDoneHandlers } from '../tasks/my-completed';
import { criticalValueHandlers } from '../tasks/critical-notify';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

export const buildHandlers = (services: Services): Handlers => ({
  ...authHandlers(services),
  ...userHandlers(services),
  ...auditHandlers(services),
  ...patientHandlers(services),
  ...syncHandlers(services),
  ...planHandlers(services),
  ...treatmentStartHandlers(services),
  ...questionnaireListHandlers(services),
  ...followupHandlers(services),
  ...followupDoneHandlers(services),
  ...criticalValueHandlers(services),
  ...callHandlers(services),
  ...voiceProviderHandlers(services),
  ...messagingHandlers(services),
  ...reportHandlers(services),
  ...survivalHandlers(services),
  ...exportHandlers(services),
});
