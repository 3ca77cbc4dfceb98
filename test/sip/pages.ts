import { expect, type Locator, type Page } from '@playwright/test';

// Locators and page-side probes of the SIP tests, in one place.

export interface AudioStats {
  bytes: number;
  packets: number;
  energy: number;
  sent: number;
  packetsSent: number;
}

export class WorkstationScreen {
  readonly status: Locator;
  readonly panel: Locator;
  readonly phase: Locator;
  readonly ended: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('softphone-status');
    this.panel = page.getByTestId('softphone-panel');
    this.phase = page.getByTestId('call-phase');
    this.ended = page.getByTestId('call-ended');
  }

  async openPhone(url: string): Promise<void> {
    await this.page.goto(`${url}/#/phone`);
    // Generous: the first load parses ~1.8 MB of JavaScript on two shared cores.
    await expect(this.page.getByTestId('phone-page')).toBeVisible({ timeout: 30_000 });
  }

  async waitRegistered(timeout = 30_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', 'registered', { timeout });
  }

  async dial(number: string, opts: { consent?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('dial-number').fill(number);
    const consent = this.page.getByRole('checkbox', { name: '患者同意录音' });
    if (!!opts.consent !== (await consent.isChecked())) await consent.click();
    await this.page.getByTestId('dial').click();
  }

  async waitPhase(phase: string, timeout = 15_000): Promise<void> {
    await expect(this.phase).toHaveAttribute('data-phase', phase, { timeout });
  }

  button(id: 'mute' | 'hold' | 'hangup' | 'answer' | 'decline' | 'dtmf-toggle' | 'confirm-outcome'): Locator {
    return this.panel.getByTestId(id);
  }

  async sendDtmf(keys: string): Promise<void> {
    await this.button('dtmf-toggle').click();
    for (const k of keys) await this.panel.getByTestId(`dtmf-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`).click();
  }

  /** getStats of the call's peer connection (the last one the page created). */
  stats(): Promise<AudioStats | null> {
    return this.page.evaluate(async () => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      const pc = pcs[pcs.length - 1];
      if (!pc) return null;
      const out = { bytes: 0, packets: 0, energy: 0, sent: 0, packetsSent: 0 };
      (await pc.getStats()).forEach((s: Record<string, number | string>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          out.bytes += Number(s.bytesReceived ?? 0);
          out.packets += Number(s.packetsReceived ?? 0);
          out.energy += Number(s.totalAudioEnergy ?? 0);
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') {
          out.sent += Number(s.bytesSent ?? 0);
          out.packetsSent += Number(s.packetsSent ?? 0);
        }
      });
      return out;
    });
  }

  /** The microphone track the call is sending right now. */
  senderTrackLabel(): Promise<string | null> {
    return this.page.evaluate(() => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      return pcs[pcs.length - 1]?.getSenders().find((s) => s.track?.kind === 'audio')?.track?.label ?? null;
    });
  }

  audioSink(testId: string): Promise<{ sinkId: string; paused: boolean; hasStream: boolean } | null> {
    return this.page.evaluate((id) => {
      const el = document.querySelector<HTMLAudioElement & { sinkId: string }>(`audio[data-testid="${id}"]`);
      return el ? { sinkId: el.sinkId, paused: el.paused, hasStream: !!el.srcObject } : null;
    }, testId);
  }

  /** Picks an option of one of the device selects by its label. */
  async chooseDevice(select: 'device-mic' | 'device-speaker' | 'device-ring', label: string): Promise<void> {
    // One dropdown at a time: a closing one (still animating) would take the click.
    const open = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(open).toHaveCount(0);
    // Room for the list below the select: an option at the viewport's edge makes the click scroll
    // the page, antd then flips the open list above the select, and the click lands where it was.
    await this.page.getByTestId(select).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await this.page.getByTestId(select).click();
    await open.locator(`.ant-select-item-option[title="${label}"]`).click();
    await expect(this.page.getByTestId(select)).toContainText(label);
    await expect(open).toHaveCount(0);
  }
}

/** The bare sip.js peer page (window.peer, test/sip/peer/peer.js). */
export class PeerScreen {
  constructor(
    readonly page: Page,
    readonly name = 'p',
  ) {}

  inbound(): Promise<{ bytes: number; packets: number; energy: number; sent: number } | null> {
    return this.page.evaluate((n) => (window as any).peer.inbound(n), this.name);
  }

  state(): Promise<{ state: string | null; incoming: number; byeReceived: boolean; lastCaller: string | null }> {
    return this.page.evaluate((n) => (window as any).peer.state(n), this.name);
  }

  hangup(): Promise<void> {
    return this.page.evaluate((n) => (window as any).peer.hangup(n), this.name);
  }

  answer(): Promise<void> {
    return this.page.evaluate((n) => (window as any).peer.answer(n), this.name);
  }
}

/**
 * Samples a counter twice, `ms` apart, and returns the growth: a measurement over a window, so it
 * lets time pass on purpose. To wait for a state, poll it (expect.poll(() => growth(…))).
 */
export async function growth(sample: () => Promise<number>, ms = 1500): Promise<number> {
  const a = await sample();
  await new Promise((r) => setTimeout(r, ms));
  return (await sample()) - a;
}
