// Two-character Chinese surnames (复姓): the common ones. Used wherever a name splits into
// surname and given name (pinyin initials, masked names in SMS).
// prettier-ignore
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐',
  '夏侯', '万俟', '单于', '澹台', '闻人', '南宫', '端木', '太史', '申屠', '轩辕', '钟离', '百里', '呼延',
  '西门', '独孤', '东郭', '赫连', '司空',
]);
