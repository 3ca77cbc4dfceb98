import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/model';

export interface SaveValues {
  name: string;
  owner: 'dept' | 'personal';
  deptId?: number;
}

interface Props {
  open: boolean;
  initial: SaveValues;
  departments: Department[];
  saving: boolean;
  onSave: (v: { name: string; deptId: number | null }) => void;
  onCancel: () => void;
}

/** Name the report and say whose it is: one of her departments' (shared) or her own. */
export function SaveReportModal({ open, initial, departments, saving, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SaveValues>();
  const owner = Form.useWatch('owner', form);
  useEffect(() => {
    if (open) form.setFieldsValue(initial);
  }, [open, initial, form]);

  return (
    <Modal
      open={open}
      title={t('reports.builder.saveTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, 'data-testid': 'save-report-ok' }}
      destroyOnHidden
      forceRender
    >
      <Form<SaveValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => onSave({ name: v.name.trim(), deptId: v.owner === 'dept' ? (v.deptId ?? null) : null })}
        data-testid="save-report-form"
      >
        <Form.Item name="name" label={t('reports.builder.name')} rules={[{ required: true, whitespace: true, message: t('reports.builder.nameRequired') }]}>
          <Input maxLength={100} data-testid="save-report-name" />
        </Form.Item>
        <Form.Item name="owner" label={t('reports.builder.owner')}>
          <Radio.Group
            options={[
              { value: 'dept', label: t('reports.builder.deptReport'), disabled: departments.length === 0 },
              { value: 'personal', label: t('reports.builder.personal') },
            ]}
            data-testid="save-report-owner"
          />
        </Form.Item>
        {owner === 'dept' && (
          <Form.Item name="deptId" label={t('reports.builder.ownerDept')} rules={[{ required: true, message: t('reports.builder.ownerDept') }]}>
            <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="save-report-dept" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
