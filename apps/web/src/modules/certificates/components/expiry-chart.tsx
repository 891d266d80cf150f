import { CHART_DAYS, type WeekBar } from '../lib/expiry-weeks';

const W = 640;
const H = 160;
const PAD = { top: 12, right: 8, bottom: 28, left: 28 };

/**
 * Expiries per week over the next 90 days, as SVG bars (no chart library: 13 rectangles). The
 * numbers are also in a visually hidden list, so a screen reader gets the same facts.
 */
export function ExpiryChart({ bars, truncated }: { bars: WeekBar[]; truncated: boolean }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const total = bars.reduce((n, b) => n + b.count, 0);
  const slot = (W - PAD.left - PAD.right) / bars.length;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return (
    <figure aria-labelledby="expiry-chart-caption" className="space-y-2">
      <figcaption id="expiry-chart-caption" className="text-sm text-zinc-600">
        {truncated ? 'At least ' : ''}
        {total} {total === 1 ? 'certificate expires' : 'certificates expire'} in the next {CHART_DAYS} days, per week.
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-40 w-full" aria-hidden="true" preserveAspectRatio="none">
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="stroke-zinc-300" />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="fill-zinc-500 text-[10px]">
          {max}
        </text>
        {bars.map((b, i) => (
          <g key={b.start}>
            <rect x={PAD.left + i * slot + 3} width={slot - 6} y={y(b.count)} height={y(0) - y(b.count)} rx={2} className={i < 2 ? 'fill-red-500' : i < 4 ? 'fill-amber-500' : 'fill-accent-600'} />
            {i % 2 === 0 && (
              <text x={PAD.left + i * slot + slot / 2} y={H - 10} textAnchor="middle" className="fill-zinc-500 text-[10px]">
                {b.start.slice(5)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <ul className="sr-only">
        {bars.map((b) => (
          <li key={b.start}>
            Week of {b.start}: {b.count}
          </li>
        ))}
      </ul>
    </figure>
  );
}
