import { useBoard } from '../board-context.tsx';

/** 支援プラン: placeholder until the panel is built (issue 4). */
export function PlanPanel() {
  const { meeting } = useBoard();
  return (
    <section className="panel" aria-label="支援プラン" data-meeting={meeting.id}>
      <h2>支援プラン</h2>
    </section>
  );
}
