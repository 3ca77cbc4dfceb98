import type { KeyboardEvent, ReactNode } from 'react';
import { digitIndex, toggle, type ToggleOption } from './choice';

// One keyboard-first choice list for questionnaire items, the outcome and the attempt result:
// the group is one tab stop; digit N picks the N-th option (0 is the 10th), Enter moves on,
// Backspace/Delete clears, arrows step through a single choice. Alt/Ctrl digits are left alone
// (Alt+1… dials a number).

export interface ChoiceOption extends ToggleOption {
  label: ReactNode;
}

interface Props {
  options: ChoiceOption[];
  value: string | string[] | undefined;
  multiple?: boolean;
  disabled?: boolean;
  /** `advance`: the key press finished this item (a single choice, or an exclusive option). */
  onChange: (value: string | string[] | undefined, advance: boolean) => void;
  onEnter?: () => void;
  labelledBy?: string;
  testid?: string;
  className?: string;
}

export function ChoiceGroup({ options, value, multiple, disabled, onChange, onEnter, labelledBy, testid, className }: Props) {
  const selected = multiple ? (Array.isArray(value) ? value : []) : typeof value === 'string' ? [value] : [];

  const pick = (v: string, byKey: boolean) => {
    if (disabled) return;
    if (!multiple) return onChange(v, byKey);
    const { next, exclusiveOn } = toggle(options, selected, v);
    onChange(next.length ? next : undefined, byKey && exclusiveOn);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const i = digitIndex(e.key);
    if (i >= 0) {
      e.preventDefault();
      if (options[i]) pick(options[i].value, true);
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter?.();
    } else if ((e.key === 'Backspace' || e.key === 'Delete') && !disabled) {
      e.preventDefault();
      onChange(undefined, false);
    } else if (!multiple && !disabled && ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(e.key)) {
      e.preventDefault();
      const at = options.findIndex((o) => o.value === selected[0]);
      const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1;
      const next = options[(at + step + options.length) % options.length] ?? options[0];
      if (next) onChange(next.value, false);
    }
  };

  return (
    <div
      role={multiple ? 'group' : 'radiogroup'}
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-disabled={disabled || undefined}
      className={['choice-group', disabled ? 'choice-disabled' : '', className ?? ''].join(' ')}
      onKeyDown={onKeyDown}
      data-focus-target
      data-testid={testid}
    >
      {options.map((o, i) => {
        const on = selected.includes(o.value);
        return (
          <div
            key={o.value}
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            className={on ? 'choice-option choice-on' : 'choice-option'}
            data-value={o.value}
            onMouseDown={(e) => e.preventDefault()}
            onClick={(e) => {
              (e.currentTarget.parentElement as HTMLElement).focus();
              pick(o.value, false);
            }}
          >
            {i < 10 && <kbd className="choice-key">{i === 9 ? 0 : i + 1}</kbd>}
            <span className="choice-label">{o.label}</span>
          </div>
        );
      })}
    </div>
  );
}
