import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanDefinitionInput } from '../../../shared/plans/schema';
import { useTextIn } from '../../i18n/text-in';
import { fromTemplate } from './definition';
import { usePlanList, useTemplates } from './queries';

interface Values {
  file: string;
  code: string;
  name: string;
  nameEn?: string;
}

/** The template's own code when no plan has it yet, else the first free `code-2`, `code-3` … */
export function freeCode(code: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(code)) return code;
  let n = 2;
  while (used.has(`${code}-${n}`)) n++;
  return `${code}-${n}`;
}

/** Pick a shipped template and give the new plan its own code and name. */
export function CreateModal({ open, onClose, onCreate }: { open: boolean; onClose: () => void; onCreate: (def: PlanDefinitionInput) => void }) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const plans = usePlanList(true);
  const [form] = Form.useForm<Values>();
  const text = useTextIn();
  const pick = (file: string) => {
    const tpl = templates.data?.find((x) => x.file === file);
    if (tpl)
      form.setFieldsValue({
        code: freeCode(
          tpl.definition.code,
          (plans.data ?? []).map((p) => p.code),
        ),
        name: tpl.definition.name,
        nameEn: tpl.definition.nameEn,
      });
  };
  return (
    <Modal
      open={open}
      title={t('plans.create.title')}
      okText={t('plans.create.ok')}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) => {
          const tpl = templates.data!.find((x) => x.file === v.file)!;
          onCreate(fromTemplate(tpl.definition, v.code, v.name, v.nameEn));
        })
      }
      data-testid="plan-create-modal"
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="file" label={t('plans.create.template')} rules={[{ required: true }]}>
          <Select
            loading={templates.isLoading}
            onChange={pick}
            data-testid="plan-create-template"
            options={(templates.data ?? []).map((x) => ({ value: x.file, label: `${text(x.definition.name, x.definition.nameEn)} (${x.file})` }))}
          />
        </Form.Item>
        <Form.Item name="code" label={t('plans.create.code')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/ }]}>
          <Input data-testid="plan-create-code" />
        </Form.Item>
        <Form.Item name="name" label={t('plans.create.name')} rules={[{ required: true }]}>
          <Input maxLength={128} data-testid="plan-create-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('plans.english.name')}>
          <Input maxLength={256} data-testid="plan-create-name-en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
