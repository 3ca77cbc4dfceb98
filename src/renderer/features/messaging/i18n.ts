// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings } from '../../i18n';

// SMS strings under `messaging.*`, added to the app's one i18next instance so the shared
// dictionaries stay untouched. Chinese first; en must have exactly the same keys.

const zhCN = {
  title: '短信',
  none: '暂无短信',
  optedOut: '患者已退订短信，不会再发送',
  optOut: '登记退订',
  optOutConfirm: '登记后该患者的所有号码都不再接收短信，且无法撤销。确定？',
  optOutDone: '已登记退订',
  source: { reply: '短信回复退订', manual: '人工登记', provider: '运营商退订' },
  direction: { outbound: '发出', inbound: '回复' },
  status: {
    sending: '发送中',
    queued: '排队中',
    sent: '已发送',
    delivered: '已送达',
    undelivered: '未送达',
    failed: '失败',
    logged: '仅记录（未配置短信）',
    received: '已收到',
  },
  auto: '自动',
  task: '随访任务 #{{id}}',
  send: {
    open: '发短信',
    title: '发送短信',
    template: '模板',
    phone: '号码',
    preview: '预览',
    segments: '{{n}} 条短信',
    submit: '发送',
    sent: '短信已提交',
    noMobile: '患者没有可接收短信的手机号',
  },
};

const en: typeof zhCN = {
  title: 'SMS',
  none: 'No messages yet',
  optedOut: 'The patient opted out of SMS; nothing will be sent',
  optOut: 'Record opt-out',
  optOutConfirm: 'No number of this patient will receive SMS again, and this cannot be undone. Continue?',
  optOutDone: 'Opt-out recorded',
  source: { reply: 'Replied to opt out', manual: 'Recorded by staff', provider: 'Unsubscribed at the carrier' },
  direction: { outbound: 'Sent', inbound: 'Reply' },
  status: {
    sending: 'Sending',
    queued: 'Queued',
    sent: 'Sent',
    delivered: 'Delivered',
    undelivered: 'Undelivered',
    failed: 'Failed',
    logged: 'Logged only (SMS not configured)',
    received: 'Received',
  },
  auto: 'automatic',
  task: 'Follow-up task #{{id}}',
  send: {
    open: 'Send SMS',
    title: 'Send SMS',
    template: 'Template',
    phone: 'Number',
    preview: 'Preview',
    segments: '{{n}} SMS',
    submit: 'Send',
    sent: 'SMS submitted',
    noMobile: 'The patient has no mobile number for SMS',
  },
};

addFeatureStrings('messaging', zhCN, en);
