import { CallRecorder } from './recorder';
import type { Action } from '../voice/actions';
import { recordingDue, type CallState } from './state';

// The recording of the current call as the patient's consent comes and goes. Consent is asked
// once she has answered, so the call's streams are kept from the answer on: the recording starts
// when she agrees, pauses while she has withdrawn it and resumes into the same file when she
// agrees again. One file, not one per stretch of consent: main keeps one recording per call, and
// what was said while she had withdrawn consent never reaches the recorder's output either way.

export class CallRecording {
  private recorder: CallRecorder | null = null;
  private media: { uid: string; local: MediaStream; remote: MediaStream } | null = null;

  constructor(private readonly dispatch: (a: Action) => void) {}

  established(uid: string, local: MediaStream, remote: MediaStream, call: CallState | null): void {
    this.media = { uid, local, remote };
    if (call) this.follow(null, call);
  }

  /** After every transition of the call: start, pause or resume as the call's state now says. */
  follow(was: CallState | null, call: CallState): void {
    if (was?.recording === 'on' && call.recording === 'paused') this.recorder?.pause();
    if (was?.recording === 'paused' && call.recording === 'on') this.recorder?.resume();
    const media = this.media;
    if (!recordingDue(call) || this.recorder || media?.uid !== call.uid) return;
    try {
      this.recorder = new CallRecorder(media.local, media.remote);
      this.dispatch({ type: 'call/recording', state: 'on' });
    } catch {
      this.dispatch({ type: 'call/recording', state: 'failed' });
    }
  }

  /** A microphone change mid-call: the recording, and one started later, use the new track. */
  micChanged(fresh: MediaStream): void {
    this.recorder?.replaceLocal(fresh);
    if (this.media) this.media = { ...this.media, local: fresh };
  }

  /** The call ended: what was recorded, or null if nothing was. Takes the recorder at once. */
  finish(uid: string): Promise<Blob | null> {
    const recorder = this.recorder;
    this.recorder = null;
    if (this.media?.uid === uid) this.media = null;
    return recorder ? recorder.stop() : Promise.resolve(null);
  }
}
