// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// Strings of the headset buttons (WebHID), merged into `softphone.headset.*` beside i18n.ts.
// Chinese first; en has exactly the same keys.

const zhCN = {
  headset: {
    title: '耳机按键',
    hint: '用耳机上的按键接听、挂断和静音。首次使用请点击下面的按钮并选择耳机，以后本工作站自动连接。',
    connect: '连接耳机按键',
    disconnect: '断开',
    opening: '正在连接耳机…',
    open: '已连接：{{name}}',
    unplugged: '{{name}} 未插入，插入后自动连接',
    failed: '无法使用耳机按键：{{error}}',
    noTelephony: '所选设备没有电话按键（HID 电话用途页）',
    unnamed: '耳机',
  },
};

const en: SameKeys<typeof zhCN> = {
  headset: {
    title: 'Headset buttons',
    hint: 'Answer, hang up and mute with the buttons on the headset. Click below and pick the headset once; this workstation then connects it by itself.',
    connect: 'Connect headset buttons',
    disconnect: 'Disconnect',
    opening: 'Connecting the headset…',
    open: 'Connected: {{name}}',
    unplugged: '{{name}} is not plugged in; it connects when plugged in',
    failed: 'Cannot use the headset buttons: {{error}}',
    noTelephony: 'The chosen device has no telephony buttons (HID Telephony page)',
    unnamed: 'Headset',
  },
};

addFeatureStrings('softphone', zhCN, en);
