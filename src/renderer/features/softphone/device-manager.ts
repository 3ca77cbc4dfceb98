import { knownLabels, listDevices, loadPrefs, openMic, resolveDevices, savePrefs, type DeviceInfo, type DevicePrefs, type ResolvedDevices } from './devices';

// Keeps the headset choice in step with what is plugged in: re-checked on every devicechange.
// When a chosen device disappears the default takes over, the nurse is told, and a call in
// progress follows (new microphone track via replaceTrack, speaker via setSinkId).

export interface DeviceSnapshot {
  available: DeviceInfo[];
  prefs: DevicePrefs;
  resolved: ResolvedDevices;
  /** Labels are only given once the microphone was allowed. */
  permitted: boolean;
  error: string | null;
}

export interface DeviceHooks {
  changed(s: DeviceSnapshot): void;
  notice(key: string, params: Record<string, string>): void;
  micChanged(deviceId: string): void;
  speakerChanged(deviceId: string): void;
}

export class DeviceManager {
  private snap: DeviceSnapshot;
  private started = false;

  constructor(private readonly hooks: DeviceHooks) {
    const prefs = loadPrefs();
    this.snap = { available: [], prefs, resolved: { ...prefs, missing: [] }, permitted: false, error: null };
  }

  snapshot(): DeviceSnapshot {
    return this.snap;
  }

  private update(patch: Partial<DeviceSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.hooks.changed(this.snap);
  }

  /** Asks for the microphone once (labels, and a warm device for the first call), then lists. */
  async start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      navigator.mediaDevices?.addEventListener('devicechange', this.onChange);
    }
    try {
      const s = await openMic(this.snap.resolved.mic);
      s.getTracks().forEach((t) => t.stop());
      this.update({ permitted: true, error: null });
    } catch (err) {
      this.update({ error: (err as Error).name || String(err) });
    }
    await this.refresh();
  }

  dispose(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.onChange);
  }

  private onChange = () => void this.refresh();

  async refresh(): Promise<void> {
    const available = await listDevices().catch(() => [] as DeviceInfo[]);
    const labels = { ...knownLabels() };
    for (const d of available) if (d.label) labels[d.deviceId] = d.label;
    const before = this.snap.resolved;
    const resolved = resolveDevices(this.snap.prefs, available, labels);
    // Tell once, when a device goes missing, not on every later change.
    for (const m of resolved.missing) {
      if (!before.missing.some((b) => b.role === m.role)) this.hooks.notice('softphone.settings.deviceFallback', { device: m.label });
    }
    savePrefs(this.snap.prefs, labels);
    this.update({ available, resolved });
    this.apply(before, resolved);
  }

  choose(role: keyof DevicePrefs, deviceId: string): void {
    const prefs = { ...this.snap.prefs, [role]: deviceId };
    const before = this.snap.resolved;
    const resolved = resolveDevices(prefs, this.snap.available, knownLabels());
    savePrefs(prefs, knownLabels());
    this.update({ prefs, resolved });
    this.apply(before, resolved);
  }

  private apply(before: ResolvedDevices, after: ResolvedDevices): void {
    if (before.mic !== after.mic) this.hooks.micChanged(after.mic);
    if (before.speaker !== after.speaker) this.hooks.speakerChanged(after.speaker);
  }
}
