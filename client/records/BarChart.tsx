import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from './format.ts';

export interface Bar {
  label: string;
  value: number;
}

// Close to the width a chart card gets at 1280px, so 14px text stays 14px on screen.
const WIDTH = 380;
const ROW = 46;
const BAR = 16;

/**
 * A small horizontal bar chart in plain SVG: each label above its bar (Japanese meeting names
 * are long), the count at the bar's end. The SVG is one image with the figures in its name,
 * and the same figures are in a table for those who prefer (or need) one.
 */
export function BarChart({ title, bars, unit, testId }: { title: string; bars: Bar[]; unit: string; testId: string }) {
  const { t } = useI18n();
  const titleId = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  const described = `${title}: ${bars.map((b) => `${b.label} ${b.value}${unit}`).join('、')}`;
  return (
    <figure className="chart card" aria-labelledby={titleId} data-testid={testId}>
      <figcaption id={titleId}>{title}</figcaption>
      <svg role="img" aria-label={described} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="bar-chart">
        {bars.map((b, i) => {
          const y = i * ROW;
          const w = b.value === 0 ? 0 : Math.max(4, ((WIDTH - 50) * b.value) / max);
          return (
            <g key={b.label}>
              <text x={0} y={y + 15} className="bar-label">
                {b.label}
              </text>
              <rect x={0} y={y + 21} width={WIDTH - 50} height={BAR} rx={3} className="bar-track" />
              <rect x={0} y={y + 21} width={w} height={BAR} rx={3} className="bar" />
              <text x={w + 6} y={y + 34} className="bar-value">
                {b.value}
                {unit}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>{t('rec_chartAsTable')}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rec_chartCategory')}</th>
              <th scope="col">{fill(t('rec_chartCount'), { unit })}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>{b.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
