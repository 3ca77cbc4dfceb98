// The rules of a choice list, apart from its rendering (unit-tested).

export interface ToggleOption {
  value: string;
  /** Multiple choice: "none of the above"; picking it clears the others and moves on. */
  exclusive?: boolean;
}

/** Digit keys pick options by position: 1 is the first, 0 the tenth; -1 for any other key. */
export const digitIndex = (key: string): number => (/^[0-9]$/.test(key) ? (key === '0' ? 9 : Number(key) - 1) : -1);

/** A multiple-choice click or key: an exclusive option stands alone; any other clears it. */
export function toggle(options: ToggleOption[], current: string[], value: string): { next: string[]; exclusiveOn: boolean } {
  const opt = options.find((o) => o.value === value);
  if (current.includes(value)) return { next: current.filter((v) => v !== value), exclusiveOn: false };
  if (opt?.exclusive) return { next: [value], exclusiveOn: true };
  const exclusive = new Set(options.filter((o) => o.exclusive).map((o) => o.value));
  return { next: [...current.filter((v) => !exclusive.has(v)), value], exclusiveOn: false };
}
