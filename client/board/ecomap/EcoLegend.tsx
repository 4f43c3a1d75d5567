import { useI18n } from '../../i18n/i18n.tsx';
import { STRENGTHS } from './fields.ts';
import { PrimsView } from './PrimsView.tsx';
import { edgePrims } from './shapes.ts';

/** Hartman's line kinds as drawn on the canvas, so nobody has to remember the notation. */
export function EcoLegend() {
  const { t, tx } = useI18n();
  const sample = (strength: (typeof STRENGTHS)[number], direction: 'none' | 'forward' = 'none') => (
    <svg width="56" height="16" aria-hidden="true" focusable="false">
      <PrimsView prims={edgePrims(2, 8, 0, 54, 8, 0, { strength, direction, label: '' })} />
    </svg>
  );
  return (
    <ul className="eco-legend" aria-label={t('ecoLegend')}>
      {STRENGTHS.map((s) => (
        <li key={s}>
          {sample(s)}
          {tx(`ecoStrength_${s}`)}
        </li>
      ))}
      <li>
        {sample('tenuous', 'forward')}
        {t('ecoLegendArrow')}
      </li>
    </ul>
  );
}
