import { useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { BOARD_SECTIONS, type BoardSection } from './board-context.tsx';

/**
 * The board's sections as an ARIA tab list: arrow keys move between tabs, Home/End jump, and the
 * panel below is labelled by its tab. (A conference moves between these parts; "follow the
 * facilitator" switches them for members.)
 */
export function BoardTabs({ section, onChange }: { section: BoardSection; onChange(section: BoardSection): void }) {
  const { t, tx } = useI18n();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = BOARD_SECTIONS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    onChange(BOARD_SECTIONS[next]!);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('boardSections')} className="board-tabs">
      {BOARD_SECTIONS.map((s, i) => (
        <button
          key={s}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${s}`}
          aria-selected={section === s}
          aria-controls={`panel-${s}`}
          tabIndex={section === s ? 0 : -1}
          className={section === s ? 'tab active' : 'tab'}
          onClick={() => onChange(s)}
          onKeyDown={(e) => move(e, i)}
          data-testid={`tab-${s}`}
        >
          {tx(`section_${s}`)}
        </button>
      ))}
    </div>
  );
}
