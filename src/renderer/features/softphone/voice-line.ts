import type { Action } from '../voice/actions';
import type { VoiceAdapter } from '../voice/voice-adapter';
import type { AdapterFactory, SoftphoneApi } from './deps';
import type { AdapterOptions } from './sip-adapter';

// The telephony the nurse chose (softphone.voice) and its adapter: made by the injected factory,
// replaced when she picks another provider, and handed what main gives for registering (SIP
// credentials or a Twilio token). Each connect() supersedes one still waiting for main.

export interface VoiceLineHooks {
  api: SoftphoneApi;
  createAdapter: AdapterFactory;
  options(): AdapterOptions;
  dispatch(action: Action): void;
  now(): number;
}

export class VoiceLine {
  adapter: VoiceAdapter;
  private generation = 0;

  constructor(private readonly h: VoiceLineHooks) {
    this.adapter = h.createAdapter('sip', h.options());
  }

  /** A fresh adapter of the same provider, after dispose (the softphone mounted again). */
  renew(): void {
    this.adapter = this.h.createAdapter(this.adapter.provider, this.h.options());
  }

  /**
   * The chosen provider's adapter and its credentials, ready to start; null when a later
   * connect() or cancel() superseded this one, or main gave nothing (the registration says why).
   */
  async connect(): Promise<{ adapter: VoiceAdapter; creds: unknown } | null> {
    const gen = ++this.generation;
    const { dispatch, now } = this.h;
    dispatch({ type: 'reg/connecting', at: now() });
    try {
      await this.useProvider(gen);
      const creds = await this.adapter.credentials();
      if (gen !== this.generation) return null;
      if (creds === null) {
        dispatch({ type: 'reg/unconfigured', at: now() });
        return null;
      }
      return { adapter: this.adapter, creds };
    } catch (err) {
      if (gen !== this.generation) return null;
      if ((err as { code?: string }).code === 'not_found') dispatch({ type: 'reg/unconfigured', at: now() });
      else dispatch({ type: 'reg/credentials-error', at: now(), detail: (err as Error).message, failure: this.adapter.credentialsFailure });
      return null;
    }
  }

  /** A connect() still waiting for main is dropped. */
  cancel(): void {
    this.generation += 1;
  }

  /** A provider other than the adapter's replaces it. */
  private async useProvider(gen: number): Promise<void> {
    const { provider } = await this.h.api.call('softphone.voice');
    if (gen !== this.generation || provider === this.adapter.provider) return;
    const old = this.adapter;
    this.adapter = this.h.createAdapter(provider, this.h.options());
    this.h.dispatch({ type: 'reg/provider', provider, hold: this.adapter.canHold });
    await old.stop(false);
    old.dispose();
    this.h.dispatch({ type: 'reg/connecting', at: this.h.now() });
  }
}
