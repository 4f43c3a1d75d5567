import { useBoard } from '../board-context.tsx';

/** 議題: placeholder until the panel is built (issue 4). */
export function AgendaPanel() {
  const { meeting } = useBoard();
  return (
    <section className="panel" aria-label="議題" data-meeting={meeting.id}>
      <h2>議題</h2>
    </section>
  );
}
