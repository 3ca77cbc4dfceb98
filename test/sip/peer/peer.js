// A bare sip.js user agent page: the "second user agent" the workstation calls, and the
// baseline of the SIP bench (browser-to-browser with nothing but sip.js). sip.js is served
// unbundled from node_modules as ES modules. Every step is a window function the test calls
// with page.evaluate, timed inside the page with performance.now().
import { Invitation, Inviter, Registerer, SessionState, UserAgent } from '/sip.js/lib/index.js';

const agents = new Map();

function tap(ua, a) {
  const t = ua.transport;
  a.ladder = [];
  const send = t.send.bind(t);
  t.send = (m) => {
    const line = m.slice(0, m.indexOf('\r\n'));
    a.ladder.push(`${performance.now().toFixed(1)} out ${line.slice(0, 24)}`);
    if (a.ladder.length > 200) a.ladder.shift();
    if (line.startsWith('INVITE ') && a.pending && a.pending.inviteSent === undefined) a.pending.inviteSent = performance.now();
    return send(m);
  };
  const onMessage = t.onMessage;
  t.onMessage = (m) => {
    a.ladder.push(`${performance.now().toFixed(1)} in ${m.slice(0, 24)}`);
    onMessage.call(t, m);
  };
}

function bind(a, session) {
  a.session = session;
  a.states = [];
  session.stateChange.addListener((s) => {
    a.states.push(s);
    if (s === SessionState.Established) {
      a.established = performance.now();
      const sdh = session.sessionDescriptionHandler;
      a.audio.srcObject = sdh.remoteMediaStream;
      void a.audio.play().catch(() => {});
    }
    if (s === SessionState.Terminated) a.terminated = performance.now();
  });
  session.delegate = {
    onBye: (bye) => {
      a.byeReceived = true;
      void bye.accept();
    },
  };
}

window.peer = {
  async createUA({ name, user, password, wsUrl, domain = '127.0.0.1', iceGatheringTimeout = 1000, autoAnswer = true }) {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    document.body.appendChild(audio);
    const a = { name, user, audio, session: null, incoming: 0, states: [] };
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${user}@${domain}`),
      transportOptions: { server: wsUrl },
      authorizationUsername: user,
      authorizationPassword: password,
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout },
      delegate: {
        onInvite: (inv) => {
          a.incoming += 1;
          a.lastCaller = inv.remoteIdentity.uri.user;
          bind(a, inv);
          if (autoAnswer) void inv.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
        },
      },
    });
    a.ua = ua;
    tap(ua, a);
    agents.set(name, a);
    await ua.start();
    const t0 = performance.now();
    const reg = new Registerer(ua, { expires: 300 });
    const status = await new Promise((resolve) => {
      void reg.register({ requestDelegate: { onAccept: () => resolve(200), onReject: (r) => resolve(r.message.statusCode) } });
    });
    return { ok: status === 200, status, ms: performance.now() - t0 };
  },

  /** Warms getUserMedia (the first one starts the fake device and is slow). */
  async warm() {
    const s = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    s.getTracks().forEach((t) => t.stop());
  },

  /**
   * Calls `target`; resolves at Established with {clickToInvite, inviteToEstablished} in ms.
   * `t0`: when the call was asked for (a click's event.timeStamp), else now.
   */
  async call(name, target, domain = '127.0.0.1', t0 = performance.now()) {
    const a = agents.get(name);
    a.pending = {};
    const inviter = new Inviter(a.ua, UserAgent.makeURI(`sip:${target}@${domain}`), {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    bind(a, inviter);
    a.established = undefined;
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not established in 10 s')), 10000);
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Established) {
          clearTimeout(timer);
          resolve();
        }
        if (s === SessionState.Terminated) {
          clearTimeout(timer);
          reject(new Error('terminated'));
        }
      });
    });
    await inviter.invite();
    await done;
    const timing = { clickToInvite: a.pending.inviteSent - t0, inviteToEstablished: a.established - a.pending.inviteSent };
    a.pending = null;
    return timing;
  },

  /** inbound-rtp audio totals of the current call. */
  async inbound(name) {
    const a = agents.get(name);
    const pc = a.session && a.session.sessionDescriptionHandler && a.session.sessionDescriptionHandler.peerConnection;
    if (!pc) return null;
    const out = { bytes: 0, packets: 0, energy: 0, sent: 0 };
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.bytes += s.bytesReceived || 0;
        out.packets += s.packetsReceived || 0;
        out.energy += s.totalAudioEnergy || 0;
      }
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.sent += s.bytesSent || 0;
    });
    return out;
  },

  ladder(name) {
    const a = agents.get(name);
    const out = a.ladder.slice();
    a.ladder.length = 0;
    return out;
  },

  state(name) {
    const a = agents.get(name);
    return {
      state: a.session ? a.session.state : null,
      incoming: a.incoming,
      byeReceived: !!a.byeReceived,
      lastCaller: a.lastCaller || null,
      isInvitation: a.session instanceof Invitation,
    };
  },

  /** Answers the ringing call of an agent made with autoAnswer: false. */
  async answer(name) {
    const a = agents.get(name);
    await a.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  },

  async hangup(name) {
    const a = agents.get(name);
    const s = a.session;
    if (!s) return;
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter) await s.cancel();
    else await s.reject();
  },

  async stop(name) {
    const a = agents.get(name);
    await a.ua.stop();
    agents.delete(name);
  },
};
// A real button for the bench, so the baseline is measured from a click as the workstation is.
window.peer.armButton = (name, target) => {
  const button = document.getElementById('call');
  button.onclick = (e) => {
    window.peer.lastCall = window.peer.call(name, target, '127.0.0.1', e.timeStamp);
  };
};
document.body.dataset.ready = '1';
