import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The Y.XmlFragment inside the document that holds this text. */
  field: string;
  user: { name: string; color: string };
  readOnly: boolean;
  label: string;
}

/** Rich text bound to a Y.XmlFragment, with everyone's named carets. */
export function MinutesEditor({ doc, provider, field, user, readOnly, label }: Props) {
  const { t } = useI18n();
  const editor = useEditor(
    {
      extensions: [
        // Undo/redo comes from the collaboration extension (your own changes only).
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: doc, field }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable: !readOnly,
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'rich-text',
          'data-placeholder': t('minutesPlaceholder'),
        },
      },
    },
    [doc, provider, field, readOnly],
  );
  return <EditorContent editor={editor} className="editor" data-testid={`editor-${field}`} />;
}
