import type { Web } from 'sip.js';
import { openMic } from './devices';

// In-call media operations on the call's peer connection, apart from the SIP adapter.

/**
 * RFC 4733 telephone-events in the RTP stream, which PBXs and rtpengine pass on. Appended to
 * the tones still queued: insertDTMF replaces the queue, and a nurse keys faster than 230 ms.
 */
export function queueDtmf(pc: RTCPeerConnection | undefined, digit: string): boolean {
  const dtmf = pc?.getSenders().find((s) => s.dtmf)?.dtmf;
  if (!dtmf?.canInsertDTMF || !/^[0-9*#A-D]$/.test(digit)) return false;
  dtmf.insertDTMF(dtmf.toneBuffer + digit, 160, 70);
  return true;
}

/** Another microphone mid-call (replaceTrack: no renegotiation); returns its stream for the recorder. */
export async function replaceMic(sdh: Web.SessionDescriptionHandler, deviceId: string, enabled: boolean): Promise<MediaStream | null> {
  const pc = sdh.peerConnection;
  if (!pc) return null;
  const fresh = await openMic(deviceId);
  const track = fresh.getAudioTracks()[0];
  track.enabled = enabled;
  const sender = pc.getSenders().find((s) => s.track?.kind === 'audio' || (s.track === null && s.dtmf));
  await sender?.replaceTrack(track);
  // Keep sip.js' local stream in step so it stops the right track at the end of the call.
  const local = sdh.localMediaStream;
  for (const old of local.getAudioTracks()) {
    local.removeTrack(old);
    old.stop();
  }
  local.addTrack(track);
  return new MediaStream([track]);
}
