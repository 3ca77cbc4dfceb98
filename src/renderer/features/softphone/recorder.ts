import { audioContext } from './audio';

// Both sides of the call in one file: local and remote tracks mixed by WebAudio into one
// MediaStream, recorded by MediaRecorder as WebM/Opus. SIP stacks do not record; this does it
// in the workstation, only while the patient consents (paused while she has withdrawn it).

const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus'];

export const recordingMimeType = (): string | null =>
  typeof MediaRecorder === 'undefined' ? null : (MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m)) ?? null);

export class CallRecorder {
  private recorder: MediaRecorder;
  private chunks: Blob[] = [];
  private mix: MediaStreamAudioDestinationNode;
  private local: MediaStreamAudioSourceNode | null = null;
  private remote: MediaStreamAudioSourceNode | null = null;
  readonly mimeType: string;

  constructor(localStream: MediaStream, remoteStream: MediaStream) {
    const mime = recordingMimeType();
    if (!mime) throw new Error('MediaRecorder cannot record audio here');
    this.mimeType = mime;
    const ctx = audioContext();
    this.mix = ctx.createMediaStreamDestination();
    this.replaceLocal(localStream);
    this.remote = ctx.createMediaStreamSource(remoteStream);
    this.remote.connect(this.mix);
    this.recorder = new MediaRecorder(this.mix.stream, { mimeType: mime, audioBitsPerSecond: 32_000 });
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    // Chunks every second: a crash of the page loses at most the last second kept in memory.
    this.recorder.start(1000);
  }

  /** After a microphone change mid-call the recording follows the new track. */
  replaceLocal(stream: MediaStream): void {
    this.local?.disconnect();
    this.local = audioContext().createMediaStreamSource(stream);
    this.local.connect(this.mix);
  }

  /** Consent withdrawn: MediaRecorder drops what it hears until resumed; the file so far stays. */
  pause(): void {
    if (this.recorder.state === 'recording') this.recorder.pause();
  }

  /** Consent given again: recording continues in the same file. */
  resume(): void {
    if (this.recorder.state === 'paused') this.recorder.resume();
  }

  stop(): Promise<Blob> {
    return new Promise((resolve) => {
      const finish = () => {
        this.local?.disconnect();
        this.remote?.disconnect();
        resolve(new Blob(this.chunks, { type: this.mimeType }));
      };
      if (this.recorder.state === 'inactive') return finish();
      this.recorder.onstop = finish;
      this.recorder.stop();
    });
  }
}
