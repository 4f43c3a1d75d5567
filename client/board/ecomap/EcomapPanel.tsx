import { useBoard } from '../board-context.tsx';

/** エコマップ: placeholder until the panel is built (issue 4). */
export function EcomapPanel() {
  const { meeting } = useBoard();
  return (
    <section className="panel" aria-label="エコマップ" data-meeting={meeting.id}>
      <h2>エコマップ</h2>
    </section>
  );
}
