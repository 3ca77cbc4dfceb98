// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// Strings of the provider choice (SIP PBX or Twilio), merged into `softphone.*` beside i18n.ts.
// Chinese first; en has exactly the same keys.

const zhCN = {
  reg: { failure: { token: '无法获取可用的 Twilio 通话令牌，请联系信息科检查 Twilio 配置' } },
  holdUnsupported: 'Twilio 云电话不支持保持通话',
  provider: {
    title: '话机类型',
    sip: 'SIP 交换机（医院 PBX）',
    twilio: 'Twilio 云电话',
    twilioOff: '服务器未配置 Twilio 语音，不能选择',
    twilioHint: '使用服务器配置的 Twilio 账号，无需填写下面的 SIP 账号；不支持保持通话',
    busy: '通话中不能切换',
    saved: '已切换话机类型',
  },
};

const en: SameKeys<typeof zhCN> = {
  reg: { failure: { token: 'No usable Twilio call token; ask IT to check the Twilio configuration' } },
  holdUnsupported: 'Twilio calls cannot be put on hold',
  provider: {
    title: 'Phone type',
    sip: 'SIP (hospital PBX)',
    twilio: 'Twilio cloud phone',
    twilioOff: 'Twilio voice is not configured on the server',
    twilioHint: "Uses the server's Twilio account; no SIP account needed below. Hold is not available",
    busy: 'Cannot switch during a call',
    saved: 'Phone type changed',
  },
};

addFeatureStrings('softphone', zhCN, en);
