import { Command, CommanderError } from 'commander';
import { registerAdmin } from './admin';
import { registerAudit } from './audit';
import { registerBackup } from './backup';
import { UsageError } from './common';
import { registerDemoHis } from './demo-his';
import { registerFollowup } from './followup';
import { registerHis } from './his';
import { registerPatients } from './patients';
import { registerQuestionnaire } from './questionnaire';
import { registerRecordings } from './recordings';
import { registerReport } from './report';
import { registerServe } from './serve';
import { registerSms } from './sms';
import { registerSurvival } from './survival';
import { registerSync } from './sync';
import { registerTeamKey } from './team-key';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('followup')
    .description('随访工作站 follow-up workstation: demo HIS, sync, patient finder, server')
    .exitOverride()
    .showHelpAfterError();
  registerDemoHis(program);
  registerSync(program);
  registerHis(program);
  registerPatients(program);
  registerServe(program);
  registerAdmin(program);
  registerAudit(program);
  registerBackup(program);
  registerTeamKey(program);
  registerQuestionnaire(program);
  registerFollowup(program);
  registerSms(program);
  registerRecordings(program);
  registerReport(program);
  registerSurvival(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      console.error(`followup: ${err.message}`);
      return 2;
    }
    console.error(`followup: ${(err as Error).message}`);
    return 1;
  }
}
