import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS: [string, string][] = [
  ['1 … 9, 0', 'digits'],
  ['Enter', 'enter'],
  ['Tab / Shift+Tab', 'tab'],
  ['Backspace', 'backspace'],
  ['Ctrl+Enter', 'ctrlEnter'],
  ['Alt+1 … 9', 'altDigits'],
  ['Alt+A / H / M / O', 'phone'],
  ['?', 'help'],
  ['N', 'queueNext'],
];

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('followup.shortcuts.title')} data-testid="shortcut-modal">
      <table className="fu-shortcuts">
        <tbody>
          {KEYS.map(([keys, what]) => (
            <tr key={what}>
              <td>
                <Typography.Text keyboard>{keys}</Typography.Text>
              </td>
              <td>{t(`followup.shortcuts.${what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
