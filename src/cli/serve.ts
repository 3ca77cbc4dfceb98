import path from 'node:path';
import type { Command } from 'commander';
import { startWorkstation } from '../main/bootstrap';
import { startHttpServer } from '../main/http/server';
import { startBackupSchedule } from '../main/store/backup-schedule';
import { startCriticalValueWatch } from '../main/tasks/critical-watch';
import { dataDirOf, positiveInt, withDataOption } from './common';

export const rendererDir = (): string => path.resolve(__dirname, '../../renderer');

export function registerServe(program: Command): void {
  withDataOption(program.command('serve').description('serve the workstation UI to a browser (intranet mode)'))
    .option('--host <host>', 'address to bind (127.0.0.1 unless you mean to open it to the intranet)')
    .option('--port <n>', 'port (0 = any free port)', (v) => (v === '0' ? 0 : positiveInt('port')(v)))
    .option('--demo-patients <n>', 'patients in a demo HIS generated on first start', positiveInt('demo-patients'), 2000)
    .action(async (opts: { data?: string; host?: string; port?: number; demoPatients: number }) => {
      const { app, initialAdminPasswordFile } = await startWorkstation(dataDirOf(opts), { demoPatients: opts.demoPatients });
      const server = await startHttpServer(app, {
        host: opts.host ?? app.config.serve.host,
        port: opts.port ?? app.config.serve.port,
        staticDir: rendererDir(),
        log: (m) => console.error(m),
      });
      const backups = startBackupSchedule(app, (m) => console.error(m));
      const critical = startCriticalValueWatch(app, (m) => console.error(m));
      if (initialAdminPasswordFile) console.log(`initial admin password: see ${initialAdminPasswordFile}`);
      console.log(`listening on ${server.url}`);
      const stop = () => {
        server.close();
        server.closeAllConnections();
        void Promise.all([backups.stop(), critical.stop()])
          .then(() => app.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
