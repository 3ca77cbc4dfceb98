import type { HisCheckReport } from '../../shared/his-check';
import type { AppConfig } from '../config';
import type { Store } from '../store/store';
import type { Clock } from '../util/clock';
import { checkProfile } from './check';
import { loadProfile, type HisProfile } from './profile';
import { describeHis, hisUnreachable, openHisSource } from './sources';
import type { HisSource } from './sources/types';

/** A check that could not begin: the profile does not load or the HIS cannot be reached. */
export class CheckStartError extends Error {}

/** Loads the configured profile, connects to the HIS and checks every entity (reads only). */
export async function runProfileCheck(
  config: AppConfig,
  store: Store | null,
  clock: Clock,
  opts: { days?: number; limit?: number } = {},
): Promise<HisCheckReport> {
  let profile: HisProfile;
  try {
    profile = loadProfile(config.his.profileDir);
  } catch (err) {
    throw new CheckStartError(`HIS 配置文件无法读取 (the HIS profile ${config.his.profile} cannot be loaded: ${(err as Error).message})`);
  }
  let source: HisSource;
  try {
    source = await openHisSource(config.his.connection);
  } catch (err) {
    throw new CheckStartError(hisUnreachable(config.his.connection, err));
  }
  try {
    const report = await checkProfile(source, profile, clock, { ...opts, store });
    return { ...report, source: describeHis(config.his.connection) };
  } finally {
    await source.close();
  }
}
