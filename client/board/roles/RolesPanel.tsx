import { useBoard } from '../board-context.tsx';

/** 役割分担: placeholder until the panel is built (issue 4). */
export function RolesPanel() {
  const { meeting } = useBoard();
  return (
    <section className="panel" aria-label="役割分担" data-meeting={meeting.id}>
      <h2>役割分担</h2>
    </section>
  );
}
