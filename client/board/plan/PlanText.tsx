import { useEffect, useState } from 'react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { KEYS } from '../../../shared/board/schema.ts';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  readOnly: boolean;
  label: string;
  describedBy: string;
}

/**
 * The plan's free text (Y.XmlFragment 'planText' of the plan compartment) with named carets.
 *
 * Compartments carry no presence by default (the pool clears their awareness state), and
 * awareness.setLocalStateField() does nothing on a cleared state, so the caret extension would
 * stay silent. The editor therefore mounts only after the state is re-created, and clears it
 * again on unmount: a viewer announces a caret here only while the plan text is on screen.
 */
export function PlanText(props: Props) {
  const { provider, user } = props;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    provider.awareness.setLocalState({ user });
    setReady(true);
    return () => {
      setReady(false);
      provider.awareness.setLocalState(null);
    };
    // The user's name and colour do not change during a meeting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [provider]);
  return ready ? <PlanTextEditor {...props} /> : null;
}

function PlanTextEditor({ doc, provider, user, readOnly, label, describedBy }: Props) {
  const editor = useEditor(
    {
      extensions: [
        // Undo/redo comes from the collaboration extension (own changes only).
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: doc, field: KEYS.planText }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable: !readOnly,
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-describedby': describedBy,
          'aria-multiline': 'true',
          'aria-readonly': readOnly ? 'true' : 'false',
          role: 'textbox',
          class: 'rich-text plan-rich-text',
        },
      },
    },
    [doc, provider, readOnly],
  );
  return <EditorContent editor={editor} className="editor" data-testid="editor-planText" />;
}
