import { Invitation, Inviter, Registerer, SessionState, UserAgent, UserAgentState, Web, type Session } from 'sip.js';
import type { SipCredentials } from '../../../shared/contract/calls';
import { api } from '../../api/client';
import { RetrySchedule } from '../voice/backoff';
import { dialUser } from '../voice/dial-user';
import { pushLadder, type LadderEntry, type VoiceAdapter, type VoiceAdapterOptions } from '../voice/voice-adapter';
import { queueDtmf, replaceMic } from './call-media';
import { micConstraints, openMic, routeTo } from './devices';
import { MediaMonitor } from './media-monitor';

// The thin layer over sip.js: SIP and WebRTC events in, reducer actions out, and the few
// commands the UI needs. It decides nothing about call state; state.ts does.

export interface AdapterOptions extends VoiceAdapterOptions {
  /** sip.js waits for ICE gathering up to this long before sending the offer/answer. */
  iceGatheringTimeout: number;
}

type Sdh = Web.SessionDescriptionHandler;

const REGISTER_TIMEOUT_MS = 6000;

export type { LadderEntry };

export class SipAdapter implements VoiceAdapter<SipCredentials> {
  readonly provider = 'sip' as const;
  readonly canHold = true;
  readonly credentialsFailure = 'credentials' as const;
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private session: Session | null = null;
  private sessionUid: string | null = null;
  private creds: SipCredentials | null = null;
  private running = false;
  private readonly retry: RetrySchedule;
  private monitor: MediaMonitor | null = null;
  private muted = false;
  private held = false;
  /** We ended the current session ourselves (so its Terminated is no remote cancel). */
  private endingLocally = false;
  readonly remoteAudio: HTMLAudioElement;
  readonly ladder: LadderEntry[] = [];

  constructor(private readonly o: AdapterOptions) {
    this.remoteAudio = document.createElement('audio');
    this.remoteAudio.autoplay = true;
    this.remoteAudio.dataset.testid = 'softphone-remote-audio';
    this.remoteAudio.hidden = true;
    document.body.appendChild(this.remoteAudio);
    window.addEventListener('online', this.onOnline);
    this.retry = new RetrySchedule(o, () => void this.connect());
  }

  get peerConnection(): RTCPeerConnection | undefined {
    return (this.session?.sessionDescriptionHandler as Sdh | undefined)?.peerConnection;
  }

  credentials(): Promise<SipCredentials | null> {
    return api.call('softphone.credentials');
  }

  async start(creds: SipCredentials): Promise<void> {
    await this.stop(false);
    this.creds = creds;
    this.running = true;
    this.retry.reset();
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${creds.user}@${creds.domain}`),
      displayName: creds.displayName || undefined,
      authorizationUsername: creds.user,
      authorizationPassword: creds.password,
      // sip.js does not reconnect by itself (its reconnectionAttempts default is 0): our backoff does.
      transportOptions: { server: creds.wsUrl, connectionTimeout: 5 },
      logBuiltinEnabled: false,
      logLevel: 'warn',
      noAnswerTimeout: 120,
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(() => openMic(this.o.mic())),
      sessionDescriptionHandlerFactoryOptions: {
        // Never the public STUN server sip.js defaults to: only what the hospital configured.
        peerConnectionConfiguration: { iceServers: creds.iceServers },
        iceGatheringTimeout: this.o.iceGatheringTimeout,
      },
      delegate: {
        onConnect: () => this.onConnected(),
        onDisconnect: (error?: Error) => this.onDisconnected(error),
        onInvite: (inv: Invitation) => this.onInvite(inv),
      },
    });
    this.ua = ua;
    this.tapTransport(ua);
    await this.connect();
  }

  /** `final`: also forget the credentials and report "stopped". */
  async stop(final = true): Promise<void> {
    this.running = false;
    this.retry.cancel();
    const ua = this.ua;
    this.ua = null;
    if (this.session) await this.hangup().catch(() => undefined);
    if (this.registerer) await this.registerer.unregister().catch(() => undefined);
    this.registerer = null;
    if (ua) await ua.stop().catch(() => undefined);
    if (final) {
      this.creds = null;
      this.o.dispatch({ type: 'reg/stopped', at: this.o.now() });
    }
  }

  dispose(): void {
    void this.stop();
    window.removeEventListener('online', this.onOnline);
    this.remoteAudio.remove();
  }

  // ---- registration and reconnection ----

  private async connect(): Promise<void> {
    const ua = this.ua;
    if (!ua || !this.running) return;
    this.o.dispatch({ type: 'reg/connecting', at: this.o.now() });
    try {
      if (ua.state === UserAgentState.Started) await ua.reconnect();
      else await ua.start();
    } catch (err) {
      if (ua !== this.ua) return;
      this.o.dispatch({ type: 'reg/transport-lost', at: this.o.now(), detail: (err as Error).message });
      if (this.running) this.retry.schedule();
    }
  }

  private onConnected(): void {
    this.retry.cancel();
    this.o.dispatch({ type: 'reg/connected', at: this.o.now() });
    void this.register();
  }

  private onDisconnected(error?: Error): void {
    this.registerer?.dispose().catch(() => undefined);
    this.registerer = null;
    if (!this.running) return;
    this.o.dispatch({ type: 'reg/transport-lost', at: this.o.now(), detail: error?.message });
    this.retry.schedule();
  }

  private onOnline = () => {
    // The network is back: try now rather than at the end of a long backoff.
    if (this.running && this.retry.waiting) {
      this.retry.cancel();
      void this.connect();
    }
  };

  private async register(): Promise<void> {
    const ua = this.ua;
    if (!ua) return;
    const registerer = new Registerer(ua, { expires: 300 });
    this.registerer = registerer;
    // Over a WebSocket sip.js waits 32 s (Timer F) for an answer. A PBX that took the
    // connection but swallowed the REGISTER (still starting) gets a new connection instead.
    const watchdog = setTimeout(() => {
      if (this.registerer === registerer && this.ua === ua) void ua.transport.disconnect().catch(() => undefined);
    }, REGISTER_TIMEOUT_MS);
    await registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            clearTimeout(watchdog);
            this.retry.reset();
            this.o.dispatch({ type: 'reg/registered', at: this.o.now() });
          },
          onReject: (res) => {
            clearTimeout(watchdog);
            const m = res.message;
            this.o.dispatch({ type: 'reg/rejected', at: this.o.now(), code: m.statusCode ?? 0, detail: m.reasonPhrase });
          },
        },
      })
      .catch((err: Error) => {
        clearTimeout(watchdog);
        this.o.dispatch({ type: 'reg/transport-lost', at: this.o.now(), detail: err.message });
      });
  }

  /** Records the first line of every message, and marks the moment an INVITE leaves. */
  private tapTransport(ua: UserAgent): void {
    const t = ua.transport as unknown as { send(m: string): Promise<void>; onMessage?: (m: string) => void };
    const send = t.send.bind(t);
    t.send = (message: string) => {
      const line = message.slice(0, message.indexOf('\r\n'));
      this.log('out', line);
      // The first INVITE of an outgoing call (a digest retry or a re-INVITE for hold is not):
      // timed as it leaves, reported once it has left, so the report never holds it up.
      const at = this.o.now();
      const first =
        line.startsWith('INVITE ') &&
        this.session instanceof Inviter &&
        this.session.state !== SessionState.Established &&
        this.markOnce('softphone:invite-sent');
      const sent = send(message);
      if (first) this.o.dispatch({ type: 'call/invite-sent', at });
      return sent;
    };
    const onMessage = t.onMessage;
    t.onMessage = (message: string) => {
      this.log('in', message.slice(0, message.indexOf('\r\n')));
      onMessage?.call(t, message);
    };
  }

  private log(dir: LadderEntry['dir'], line: string): void {
    pushLadder(this.ladder, dir, line);
  }

  private marked = new Set<string>();
  /** A User Timing mark, once per call (the bench and support read them); false if already made. */
  private markOnce(name: string): boolean {
    const key = `${this.sessionUid}:${name}`;
    if (this.marked.has(key)) return false;
    this.marked.add(key);
    performance.mark(name, { detail: this.sessionUid });
    return true;
  }

  // ---- calls ----

  async dial(uid: string, number: string): Promise<void> {
    if (!this.ua || !this.creds) throw new Error('not registered');
    const target = UserAgent.makeURI(`sip:${dialUser(number)}@${this.creds.domain}`);
    if (!target) throw new Error(`cannot dial ${number}`);
    const inviter = new Inviter(this.ua, target, {
      sessionDescriptionHandlerOptions: { constraints: { audio: micConstraints(this.o.mic()), video: false } },
    });
    this.bind(inviter, uid);
    await inviter.invite({
      requestDelegate: {
        onProgress: (res) => this.o.dispatch({ type: 'call/progress', at: this.o.now(), code: res.message.statusCode ?? 0 }),
        onReject: (res) => this.o.dispatch({ type: 'call/rejected', at: this.o.now(), code: res.message.statusCode ?? 0, detail: res.message.reasonPhrase }),
      },
    });
  }

  private onInvite(inv: Invitation): void {
    const number = inv.remoteIdentity.uri.user ?? '';
    if (this.session) {
      // One call at a time: a second caller hears busy and is kept as a missed call.
      void inv.reject({ statusCode: 486 }).catch(() => undefined);
      this.o.onBusy(number, inv.remoteIdentity.displayName || null);
      return;
    }
    const uid = inv.id;
    this.bind(inv, uid);
    this.o.dispatch({ type: 'call/incoming', at: this.o.now(), uid, number, displayName: inv.remoteIdentity.displayName || null });
    // sip.js has already sent 180 Ringing (autoSendAnInitialProvisionalResponse).
    this.o.onIncoming(uid, number, inv.remoteIdentity.displayName || null);
  }

  async answer(): Promise<void> {
    const inv = this.session;
    if (!(inv instanceof Invitation) || inv.state !== SessionState.Initial) return;
    this.o.dispatch({ type: 'call/accept', at: this.o.now() });
    await inv.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: micConstraints(this.o.mic()), video: false } } });
  }

  /** Cancel, reject or BYE, depending on where the call is (as SIP.js' SessionManager does). */
  async hangup(): Promise<void> {
    const s = this.session;
    if (!s) return;
    this.endingLocally = true;
    this.o.dispatch({ type: 'call/hangup-local', at: this.o.now() });
    if (s.state === SessionState.Established) await s.bye().catch(() => s.dispose());
    else if (s instanceof Inviter) await s.cancel().catch(() => s.dispose());
    else if (s instanceof Invitation) await s.reject({ statusCode: 603 }).catch(() => s.dispose());
  }

  setMute(on: boolean): void {
    this.muted = on;
    this.sdh()?.enableSenderTracks(!this.muted && !this.held);
    this.o.dispatch({ type: 'call/mute', on });
  }

  async setHold(on: boolean): Promise<void> {
    const s = this.session;
    if (!s || s.state !== SessionState.Established) return;
    this.o.dispatch({ type: 'call/hold-request', on });
    const done = (ok: boolean) => {
      if (ok) this.held = on;
      this.sdh()?.enableSenderTracks(!this.muted && !this.held);
      this.sdh()?.enableReceiverTracks(!this.held);
      this.o.dispatch({ type: 'call/hold-result', on, ok });
    };
    const opts = (s.sessionDescriptionHandlerOptionsReInvite ?? {}) as Web.SessionDescriptionHandlerOptions;
    s.sessionDescriptionHandlerOptionsReInvite = { ...opts, hold: on } as typeof opts;
    await s.invite({ requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } }).catch(() => done(false));
  }

  sendDtmf(digit: string): void {
    if (queueDtmf(this.peerConnection, digit)) this.o.dispatch({ type: 'call/dtmf', digit });
  }

  /** Switches the microphone mid-call; returns the new local stream for the recorder. */
  async setMic(deviceId: string): Promise<MediaStream | null> {
    const sdh = this.sdh();
    return sdh ? replaceMic(sdh, deviceId, !this.muted && !this.held) : null;
  }

  setSpeaker(deviceId: string): Promise<void> {
    return routeTo(this.remoteAudio, deviceId);
  }

  private sdh(): Sdh | undefined {
    return this.session?.sessionDescriptionHandler as Sdh | undefined;
  }

  private bind(s: Session, uid: string): void {
    this.session = s;
    this.sessionUid = uid;
    this.muted = false;
    this.held = false;
    this.endingLocally = false;
    s.delegate = {
      onBye: (bye) => {
        this.o.dispatch({ type: 'call/remote-bye', at: this.o.now() });
        void bye.accept().catch(() => undefined);
      },
    };
    s.stateChange.addListener((state) => {
      if (this.session !== s) return;
      if (state === SessionState.Established) this.established(s, uid);
      if (state === SessionState.Terminated) this.terminated(s, uid);
    });
  }

  private established(s: Session, uid: string): void {
    if (this.markOnce('softphone:established')) this.o.dispatch({ type: 'call/answered', at: this.o.now() });
    const sdh = s.sessionDescriptionHandler as Sdh;
    void routeTo(this.remoteAudio, this.o.speaker()).catch(() => undefined);
    this.remoteAudio.srcObject = sdh.remoteMediaStream;
    void this.remoteAudio.play().catch(() => undefined);
    this.monitor?.stop();
    this.monitor = new MediaMonitor(sdh.peerConnection!, {
      paused: () => this.held,
      onMedia: (state) => this.o.dispatch({ type: 'call/media', state, at: this.o.now() }),
      onRemoteHold: (on) => this.o.dispatch({ type: 'call/remote-hold', on }),
      onLost: () => void s.bye().catch(() => s.dispose()),
    });
    this.o.onEstablished(uid, sdh.localMediaStream, sdh.remoteMediaStream);
  }

  private terminated(s: Session, uid: string): void {
    this.monitor?.stop();
    this.monitor = null;
    // An incoming call that ends before it was answered, and not by us: the caller gave up.
    const remoteCancel = s instanceof Invitation && !this.endingLocally;
    const at = this.o.now();
    // sip.js moves to Terminated before it calls the INVITE's onReject: let the final
    // response (486, 404 …) reach the reducer first, so the verdict carries its code.
    queueMicrotask(() => {
      if (remoteCancel) this.o.dispatch({ type: 'call/remote-cancel', at });
      this.o.dispatch({ type: 'call/terminated', at });
    });
    this.remoteAudio.srcObject = null;
    this.session = null;
    this.sessionUid = null;
    this.o.onTerminated(uid);
  }
}
