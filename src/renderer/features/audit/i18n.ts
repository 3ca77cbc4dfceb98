import { addFeatureStrings, type SameKeys } from '../../i18n';

// The admin's audit log under `audit.*`. Chinese first; en has the same keys.

const zhCN = {
  nav: '审计日志',
  title: '审计日志',
  hint: '审计日志只能追加：每条记录写入后数秒内即加入散列链，任何修改或删除都会在核验时被发现。查看和导出审计日志本身也会记入审计日志。',
  filter: {
    period: '日期',
    username: '用户名',
    action: '操作（开头匹配）',
    patientId: '患者编号',
    address: '来源地址（开头匹配）',
    search: '查询',
    reset: '重置',
  },
  col: {
    at: '时间',
    username: '用户',
    action: '操作',
    patientId: '患者编号',
    address: '来源',
    detail: '详情',
    sealed: '封存',
  },
  refresh: '刷新',
  sealed: '已封存',
  pending: '待封存',
  anonymous: '（未登录）',
  total: '共 {{total}} 条',
  verify: '核验散列链',
  verifyOk: '散列链完整',
  verifyBad: '散列链有问题',
  verifyCount: '已核对 {{sealed}} 条封存，{{unsealed}} 条尚未封存',
  verifyMore: '另有 {{count}} 处问题未列出',
  verifyHead: '最新封存：第 {{seq}} 号，散列 {{hash}}',
};

const en: SameKeys<typeof zhCN> = {
  nav: 'Audit log',
  title: 'Audit log',
  hint: 'The audit log is append-only: each row joins the hash chain within seconds of being written, and verifying the chain finds any change or deletion. Viewing and exporting the log is itself audited.',
  filter: {
    period: 'Dates',
    username: 'Username',
    action: 'Action (starts with)',
    patientId: 'Patient id',
    address: 'From address (starts with)',
    search: 'Search',
    reset: 'Reset',
  },
  col: {
    at: 'Time',
    username: 'User',
    action: 'Action',
    patientId: 'Patient id',
    address: 'From',
    detail: 'Detail',
    sealed: 'Sealed',
  },
  refresh: 'Refresh',
  sealed: 'Sealed',
  pending: 'Pending',
  anonymous: '(not signed in)',
  total: '{{total}} rows',
  verify: 'Verify chain',
  verifyOk: 'The chain is intact',
  verifyBad: 'The chain has problems',
  verifyCount: '{{sealed}} seals checked, {{unsealed}} rows not sealed yet',
  verifyMore: '{{count}} more problems not listed',
  verifyHead: 'Newest seal: {{seq}}, hash {{hash}}',
};

addFeatureStrings('audit', zhCN, en);
