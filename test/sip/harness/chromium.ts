// Chromium for real calls (sip-testing.md §6): fake microphone (a beep each second) and
// outputs, auto-granted media, autoplay, and loopback ICE candidates, which the loopback-only
// network namespace needs. No --disable-features of our own: Chromium keeps only the last
// one, which would drop Playwright's.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SIP_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];
