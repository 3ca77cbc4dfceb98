import type { Tables } from '../../src/main/questionnaires/sheets/layout';

/**
 * The example workbook of docs/questionnaire-spreadsheet.md, written the way a team would:
 * Chinese headers in places, XLSForm-style "select_one", 是/否, colour names in Chinese.
 */
export function exampleTables(): Tables {
  return {
    settings: [
      ['id', 'version', 'title', 'title_en', 'description'],
      ['copd-followup', 1, '慢阻肺出院随访（示例）', 'COPD discharge follow-up (example)', '电子表格导入示例'],
    ],
    items: [
      ['id', 'type', 'text', 'text_en', 'required', 'choices', 'show_if', 'min', 'max', 'unit', '# 备注'],
      ['intro', 'display', '以下问题询问出院后一周的情况。', 'These questions are about the week since discharge.', null, null, null, null, null, null, '开场白'],
      ['breathless', 'single', '与出院时相比，气促程度如何？', 'Compared with discharge, how is your breathlessness?', '是', 'change', null, null, null, null, null],
      ['mmrc', 'select_one mmrc', '呼吸困难分级（mMRC）', 'Breathlessness grade (mMRC)', '是', null, null, null, null, null, null],
      ['spo2', 'integer', '指脉氧饱和度', 'Pulse oximetry SpO2', '否', null, null, 70, 100, '%', null],
      ['exacerbation', 'single', '出院后是否有急性加重（需加用抗生素或激素）？', 'An exacerbation since discharge (antibiotics or steroids added)?', 'yes', 'yesno', null, null, null, null, null],
      ['exacerbation_date', 'date', '急性加重开始日期', 'Date the exacerbation began', 'yes', null, "exacerbation = 'yes'", null, null, null, null],
      ['symptoms', 'multiple', '目前有哪些症状？', 'Which symptoms do you have now?', 'yes', 'symptoms', null, null, null, null, null],
      ['sputum_colour', 'text', '痰的颜色', 'Sputum colour', 'no', null, "selected(symptoms, 'sputum') and mmrc >= 2", null, null, null, null],
      ['inhaler', 'single', '是否每天按时使用吸入剂？', 'Do you use your inhaler every day as prescribed?', 'yes', 'yesno', null, null, null, null, null],
    ],
    choices: [
      ['list', 'value', 'label', 'label_en', 'score', 'exclusive'],
      ['change', 'better', '减轻', 'Better', 0, null],
      ['change', 'same', '无变化', 'No change', 1, null],
      ['change', 'worse', '加重', 'Worse', 2, null],
      ['mmrc', 0, '0 级：仅在剧烈活动时气促', 'Grade 0: only with strenuous exercise', 0, null],
      ['mmrc', 1, '1 级：快走或上缓坡时气促', 'Grade 1: hurrying on the level or walking up a slight hill', 1, null],
      ['mmrc', 2, '2 级：因气促比同龄人走得慢，或需停下喘气', 'Grade 2: walks slower than peers or has to stop for breath', 2, null],
      ['mmrc', 3, '3 级：平地行走约 100 米或数分钟后需停下喘气', 'Grade 3: stops for breath after about 100 m', 3, null],
      ['mmrc', 4, '4 级：严重气促不能离家，或穿脱衣服即气促', 'Grade 4: too breathless to leave the house', 4, null],
      ['yesno', 'no', '否', 'No', null, null],
      ['yesno', 'yes', '是', 'Yes', null, null],
      ['symptoms', 'none', '无', 'None', null, '是'],
      ['symptoms', 'cough', '咳嗽加重', 'Worse cough', null, null],
      ['symptoms', 'sputum', '痰量增多或脓痰', 'More or purulent sputum', null, null],
      ['symptoms', 'oedema', '下肢水肿', 'Leg swelling', null, null],
    ],
    scores: [
      ['id', 'label', 'label_en', 'sum', 'max', 'map'],
      ['breath_score', '气促评分', 'Breathlessness score', 'breathless, mmrc', null, null],
      ['mmrc_level', 'mMRC 分层', 'mMRC group', null, 'mmrc', '0..1=0; 2..4=1'],
    ],
    bands: [
      ['score', 'min', 'max', 'label', 'label_en', 'color', 'advice'],
      ['breath_score', 0, 1, '稳定', 'Stable', '绿', null],
      ['breath_score', 2, 3, '需关注', 'Watch', '黄', null],
      ['breath_score', 4, 6, '明显加重', 'Much worse', 'red', '建议尽快复诊'],
      ['mmrc_level', 0, 0, '症状少（mMRC 0–1）', 'Less breathless (mMRC 0–1)', 'green', null],
      ['mmrc_level', 1, 1, '症状多（mMRC ≥ 2）', 'More breathless (mMRC ≥ 2)', 'yellow', null],
    ],
    triggers: [
      ['id', 'when', 'color', 'message', 'message_en', 'escalate'],
      ['low_spo2', 'spo2 < 90', 'red', '血氧饱和度 <90%：建议立即就医', 'SpO2 below 90%: advise emergency care now', '是'],
      ['exacerbation', "exacerbation = ‘yes’ or breath_score >= 4", '橙', '急性加重或气促明显加重：通知医生', 'Exacerbation or much worse breathlessness: inform the doctor', 'yes'],
      ['inhaler', "inhaler = 'no'", 'yellow', '吸入剂使用不规律：进行用药指导', 'Irregular inhaler use: teach inhaler technique', 'no'],
    ],
  };
}
