import { authHandlers } from '../auth/handlers';
import { syncHandlers } from '../his/handlers';
import { patientHandlers } from '../patients/handlers';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

export const buildHandlers = (services: Services): Handlers => ({
  ...authHandlers(services),
  ...patientHandlers(services),
  ...syncHandlers(services),
});
