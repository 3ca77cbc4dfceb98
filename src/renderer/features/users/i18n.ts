import { addFeatureStrings, type SameKeys } from '../../i18n';

// The admin's user–department assignment under `users.*`.

const zhCN = {
  nav: '用户科室',
  title: '用户科室分配',
  hint: '科主任/护士长只能看到分配给她的科室的统计；管理员可看全部科室。',
  username: '用户名',
  name: '姓名',
  role: '角色',
  depts: '所属科室',
  deptsPlaceholder: '选择科室（可多选）',
  save: '保存',
  saved: '已保存 {{name}} 的科室',
};

const en: SameKeys<typeof zhCN> = {
  nav: 'User departments',
  title: 'Departments of users',
  hint: 'Department heads see statistics of their assigned departments only; admins see all.',
  username: 'Username',
  name: 'Name',
  role: 'Role',
  depts: 'Departments',
  deptsPlaceholder: 'Choose departments',
  save: 'Save',
  saved: 'Departments of {{name}} saved',
};

addFeatureStrings('users', zhCN, en);
