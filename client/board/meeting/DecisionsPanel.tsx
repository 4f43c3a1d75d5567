import { useBoard } from '../board-context.tsx';

/** 決定事項: placeholder until the panel is built (issue 4). */
export function DecisionsPanel() {
  const { meeting } = useBoard();
  return (
    <section className="panel" aria-label="決定事項" data-meeting={meeting.id}>
      <h2>決定事項</h2>
    </section>
  );
}
