// A score's course over earlier follow-ups as a tiny inline SVG (no chart library for a line
// this small). Oldest on the left; the last point is marked, the values are in the label.

const W = 96;
const H = 24;
const PAD = 3;

export function Sparkline({ values, label, colour = '#1677ff' }: { values: number[]; label: string; colour?: string }) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) => (values.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (values.length - 1));
  // A flat series sits mid-height rather than on the floor.
  const y = (v: number) => (hi === lo ? H / 2 : H - PAD - ((v - lo) * (H - 2 * PAD)) / span);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg
      className="fu-sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-values={values.join(',')}
    >
      <polyline points={points} fill="none" stroke={colour} strokeWidth={1.5} strokeLinejoin="round" />
      <circle cx={x(last)} cy={y(values[last])} r={2.5} fill={colour} />
    </svg>
  );
}
