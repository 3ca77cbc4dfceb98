// The headset: which microphone, speaker and ring device the nurse picked. Device ids are
// per browser profile, so the choice is kept in localStorage of this workstation, not in the
// store. When a picked device disappears (headset unplugged) the system default is used and
// the nurse is told which one went missing.

export interface DevicePrefs {
  mic: string;
  speaker: string;
  ring: string;
}

export interface DeviceInfo {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

export interface ResolvedDevices extends DevicePrefs {
  /** Picked devices that are no longer present, with their last known labels. */
  missing: { role: keyof DevicePrefs; label: string }[];
}

export const DEFAULT_DEVICE = 'default';
const KEY = 'followup.softphone.devices';
const LABELS = 'followup.softphone.deviceLabels';

export const defaultPrefs = (): DevicePrefs => ({ mic: DEFAULT_DEVICE, speaker: DEFAULT_DEVICE, ring: DEFAULT_DEVICE });

export function loadPrefs(storage: Pick<Storage, 'getItem'> = localStorage): DevicePrefs {
  try {
    return { ...defaultPrefs(), ...(JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<DevicePrefs>) };
  } catch {
    return defaultPrefs();
  }
}

export function savePrefs(prefs: DevicePrefs, labels: Record<string, string>, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(prefs));
    storage.setItem(LABELS, JSON.stringify(labels));
  } catch {
    // storage refused (private window): the choice lasts for this session only
  }
}

export function knownLabels(storage: Pick<Storage, 'getItem'> = localStorage): Record<string, string> {
  try {
    return JSON.parse(storage.getItem(LABELS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Pure: the devices to use now, given the choice and what is plugged in. */
export function resolveDevices(prefs: DevicePrefs, available: DeviceInfo[], labels: Record<string, string> = {}): ResolvedDevices {
  const has = (kind: DeviceInfo['kind'], id: string) => id === DEFAULT_DEVICE || available.some((d) => d.kind === kind && d.deviceId === id);
  const missing: ResolvedDevices['missing'] = [];
  const pick = (role: keyof DevicePrefs, kind: DeviceInfo['kind']) => {
    const id = prefs[role];
    if (has(kind, id)) return id;
    missing.push({ role, label: labels[id] ?? id });
    return DEFAULT_DEVICE;
  };
  return { mic: pick('mic', 'audioinput'), speaker: pick('speaker', 'audiooutput'), ring: pick('ring', 'audiooutput'), missing };
}

export async function listDevices(): Promise<DeviceInfo[]> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((d): d is MediaDeviceInfo & { kind: DeviceInfo['kind'] } => d.kind === 'audioinput' || d.kind === 'audiooutput')
    .filter((d) => d.deviceId !== '' && d.deviceId !== 'communications')
    .map((d) => ({ deviceId: d.deviceId, label: d.label || d.deviceId.slice(0, 8), kind: d.kind }));
}

/** Audio constraints for the chosen microphone: exact when one is picked, else the default. */
export function micConstraints(deviceId: string): MediaTrackConstraints | true {
  return deviceId && deviceId !== DEFAULT_DEVICE
    ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true, autoGainControl: true }
    : { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
}

export function openMic(deviceId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: micConstraints(deviceId), video: false });
}

/** setSinkId where the browser has it; '' is the default output. */
export async function routeTo(el: HTMLMediaElement, deviceId: string): Promise<void> {
  const sinkable = el as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };
  if (!sinkable.setSinkId) return;
  const id = deviceId === DEFAULT_DEVICE ? '' : deviceId;
  if (sinkable.sinkId !== id) await sinkable.setSinkId(id);
}
