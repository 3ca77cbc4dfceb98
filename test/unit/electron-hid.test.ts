import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseHidDevice, devOrigin, fileOrigin, isHidAccessAllowed, isHidDeviceAllowed, isPermissionAllowed } from '../../src/main/electron/security';

// The WebHID decisions behind window.ts (permission check 'hid', setDevicePermissionHandler,
// select-hid-device): the headset's call buttons for the app's own pages, telephony devices only.

const INDEX = '/opt/随访工作站/resources/app.asar/.vite/renderer/main_window/index.html';
const built = fileOrigin(pathToFileURL(INDEX).href, false);
const dev = devOrigin('http://localhost:5173');
const page = pathToFileURL(INDEX).href;

// Electron's HIDDevice structure: the Jabra's three interfaces' top-level collections.
const headset = {
  deviceId: 'hid-1',
  name: 'Jabra EVOLVE 40',
  vendorId: 0x0b0e,
  productId: 0x0300,
  collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }, { usagePage: 0xff00 }],
};
const scanner = { deviceId: 'hid-2', name: 'Barcode scanner', vendorId: 0x05e0, productId: 0x1200, collections: [{ usagePage: 0x8c }] };
const vendorOnly = { deviceId: 'hid-3', name: 'Headset firmware interface', vendorId: 0x0b0e, productId: 0x0301, collections: [{ usagePage: 0xff00 }] };

describe('navigator.hid for the app only', () => {
  it("lets the app's own pages use WebHID, nothing else", () => {
    expect(isHidAccessAllowed(page, built)).toBe(true);
    expect(isHidAccessAllowed(`${page}#/phone`, built)).toBe(true);
    expect(isHidAccessAllowed('http://localhost:5173/', dev)).toBe(true);
    for (const url of ['https://evil.com/', 'file:///tmp/downloaded/index.html', 'http://localhost.evil.com:5173/', undefined])
      expect(isHidAccessAllowed(url, url?.startsWith('http') ? dev : built), String(url)).toBe(false);
  });

  it('leaves the general allow-list alone: hid is not a plain permission', () => {
    expect(isPermissionAllowed({ permission: 'hid', url: page }, built)).toBe(false);
  });
});

describe('device permission (getDevices, open, reopening after a restart)', () => {
  it('grants telephony devices to the app origin', () => {
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'file://', device: headset }, built)).toBe(true);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'http://localhost:5173', device: headset }, dev)).toBe(true);
  });

  it('refuses other devices, other device types and other origins', () => {
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'file://', device: scanner }, built)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'file://', device: vendorOnly }, built)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'usb', origin: 'file://', device: headset }, built)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'serial', origin: 'file://', device: { portId: '1' } }, built)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'https://evil.com', device: headset }, built)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'file://', device: headset }, dev)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'http://localhost:5174', device: headset }, dev)).toBe(false);
    expect(isHidDeviceAllowed({ deviceType: 'hid', origin: 'null', device: headset }, built)).toBe(false);
  });
});

describe('select-hid-device (no chooser in Electron)', () => {
  it('picks the telephony device for the app, whatever comes first in the list', () => {
    expect(chooseHidDevice(page, [scanner, vendorOnly, headset], built)).toBe('hid-1');
    expect(chooseHidDevice('http://localhost:5173/#/phone', [headset], dev)).toBe('hid-1');
  });

  it('cancels without a telephony device, or for a frame that is not the app', () => {
    expect(chooseHidDevice(page, [scanner, vendorOnly], built)).toBeNull();
    expect(chooseHidDevice(page, [], built)).toBeNull();
    expect(chooseHidDevice('https://evil.com/', [headset], built)).toBeNull();
    expect(chooseHidDevice(undefined, [headset], built)).toBeNull();
  });
});
