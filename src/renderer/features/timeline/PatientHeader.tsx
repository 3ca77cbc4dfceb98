import { PhoneOutlined } from '@ant-design/icons';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PatientHeader as Header, PhoneInfo } from '../../../shared/model';
import { genderLabel } from '../../app/codes';
import { DialButton } from '../softphone';

function PhoneLine({ phone, patientId }: { phone: PhoneInfo; patientId: number }) {
  const { t } = useTranslation();
  const who = [phone.contactName, phone.relation].filter(Boolean).join(' · ');
  return (
    <span className="phone-line" data-testid="patient-phone">
      <PhoneOutlined />
      <Typography.Text copyable={{ text: phone.number }} className="phone-number">
        {phone.number}
      </Typography.Text>
      <Tag color={phone.role === 'self' ? 'blue' : 'default'}>{t(phone.role === 'self' ? 'timeline.self' : 'timeline.contact')}</Tag>
      {who && <Typography.Text type="secondary">{who}</Typography.Text>}
      <DialButton number={phone.number} patientId={patientId} />
    </span>
  );
}

export function PatientHeader({ patient }: { patient: Header }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <div className="patient-header" data-testid="patient-header">
      <Space size="small" wrap className="patient-title">
        <Typography.Title level={4} data-testid="patient-name">
          {patient.name}
        </Typography.Title>
        <span>{genderLabel(t, patient.genderCode)}</span>
        {patient.age !== null && <span>{t('timeline.age', { age: patient.age })}</span>}
        {patient.deceased && (
          <Tag color="black" data-testid="patient-deceased">
            {t('timeline.deceased')}
          </Tag>
        )}
        {patient.mergedFrom.length > 0 && <Tag color="purple">{t('timeline.mergedFrom', { ids: patient.mergedFrom.join('、') })}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={2}
        className="patient-facts"
        items={[
          { key: 'birth', label: t('timeline.birthDate'), children: patient.birthDate ?? none },
          {
            key: 'id',
            label: t('timeline.idNumber'),
            children: (
              <>
                {/* Shown exactly as sent: the server masks it according to the user's role. */}
                <span className="id-number" data-testid="patient-id-number">
                  {patient.idNumber ?? none}
                </span>
                {/* Why the number cannot be trusted; a legacy 15-digit one is still usable, so only grey. */}
                {patient.idNumberProblem && (
                  <Tag
                    color={patient.idNumberProblem === 'legacy_15' ? 'default' : 'orange'}
                    className="id-invalid"
                    data-testid="id-invalid"
                    data-problem={patient.idNumberProblem}
                  >
                    {t(`timeline.idProblem.${patient.idNumberProblem}`)}
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'address', label: t('timeline.address'), span: 'filled', children: patient.address ?? none },
          {
            key: 'phones',
            label: t('timeline.phones'),
            span: 'filled',
            children: (
              <Space size={[16, 4]} wrap>
                {patient.phones.length === 0 ? none : patient.phones.map((p, i) => <PhoneLine key={`${p.number}-${i}`} phone={p} patientId={patient.id} />)}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
