// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// Strings under `tiers.*`: the checkup risk tiers a plan assigns (plan.riskTiers).

const zhCN = {
  tab: '风险分层',
  intro:
    '为本计划入组的体检客户评定风险分层：按顺序（最高在前）检查，满足某一条件即归入该层。客户完成其中任一问卷后才评定；没有条件的分层收纳其余已评定客户。各分层的管理计划在入组规则中选择“风险分层”。',
  enable: '本计划评定风险分层',
  add: '添加分层',
  code: '分层编码',
  label: '名称',
  labelEn: '英文名称',
  conditions: '条件（满足任一即可）',
  addCondition: '添加条件',
  questionnaire: '问卷',
  score: '得分',
  min: '不低于',
  max: '不高于',
  abnormal: '体检有异常',
  critical: '有危急值',
  noCondition: '无条件：收纳其余已评定客户',
  remove: '删除',
  ruleTiers: '风险分层（体检）',
};

const en: SameKeys<typeof zhCN> = {
  tab: 'Risk tiers',
  intro:
    "Risk tiers for the checkup clients this plan enrols, checked in order (highest first): the first tier one of whose conditions holds is the client's. A client is assessed once one of the questionnaires is answered; a tier without conditions takes every assessed client left over. Each tier's plan picks its tier under Enrolment rules.",
  enable: 'This plan assigns risk tiers',
  add: 'Add tier',
  code: 'Tier code',
  label: 'Name',
  labelEn: 'English name',
  conditions: 'Conditions (any one)',
  addCondition: 'Add condition',
  questionnaire: 'Questionnaire',
  score: 'Score',
  min: 'At least',
  max: 'At most',
  abnormal: 'Abnormal finding',
  critical: 'Critical value',
  noCondition: 'No condition: every assessed client left over',
  remove: 'Remove',
  ruleTiers: 'Risk tiers (checkups)',
};

addFeatureStrings('tiers', zhCN, en);
