import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** "逾期 5 天" in red, "今天到期" in orange, "3 天后" muted: the due date matters as a distance. */
export function DueText({ dueDate, overdueDays }: { dueDate: string; overdueDays: number }) {
  const { t } = useTranslation();
  const [text, type] =
    overdueDays > 0
      ? [t('queue.overdue', { count: overdueDays }), 'danger' as const]
      : overdueDays === 0
        ? [t('queue.dueToday'), 'warning' as const]
        : [t('queue.dueIn', { count: -overdueDays }), 'secondary' as const];
  return (
    <span className="due-text">
      <span className="due-date">{dueDate}</span>
      <Typography.Text type={type} strong={overdueDays >= 0} data-testid="due-text">
        {text}
      </Typography.Text>
    </span>
  );
}
