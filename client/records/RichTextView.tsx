import type { ReactNode } from 'react';
import * as Y from 'yjs';

/**
 * Tiptap's Y.XmlFragment (minutes, plan text) rendered read-only as plain semantic HTML. A
 * record needs no editor: this is deterministic, prints cleanly and carries no contenteditable
 * for assistive technology to announce. Unknown nodes fall back to their children, so text
 * written by a newer editor still shows.
 */
export function RichTextView({ fragment, headingBase = 3, empty }: { fragment: Y.XmlFragment | null; headingBase?: number; empty: string }) {
  const blocks = fragment ? children(fragment, headingBase) : [];
  if (blocks.length === 0) return <p className="empty">{empty}</p>;
  return <div className="rich-text-view">{blocks}</div>;
}

function children(parent: Y.XmlFragment | Y.XmlElement, headingBase: number): ReactNode[] {
  return parent.toArray().map((child, i) => node(child, i, headingBase));
}

type Delta = { insert?: unknown; attributes?: Record<string, unknown> };

function text(node: Y.XmlText, key: number): ReactNode {
  return (node.toDelta() as Delta[]).map((d, i) => {
    if (typeof d.insert !== 'string') return null;
    let out: ReactNode = d.insert;
    const marks = d.attributes ?? {};
    if (marks.code) out = <code>{out}</code>;
    if (marks.bold) out = <strong>{out}</strong>;
    if (marks.italic) out = <em>{out}</em>;
    if (marks.strike) out = <s>{out}</s>;
    if (marks.underline) out = <u>{out}</u>;
    return <span key={`${key}-${i}`}>{out}</span>;
  });
}

function node(child: Y.XmlElement | Y.XmlText | Y.XmlHook, key: number, headingBase: number): ReactNode {
  if (child instanceof Y.XmlText) return text(child, key);
  if (!(child instanceof Y.XmlElement)) return null;
  const inner = children(child, headingBase);
  switch (child.nodeName) {
    case 'paragraph':
      return <p key={key}>{inner.length > 0 ? inner : '\u00a0'}</p>;
    case 'heading': {
      // Document headings sit below the section's own heading (h2), whatever level was typed.
      const level = Math.min(6, headingBase + Math.max(0, Number(child.getAttribute('level') ?? 1) - 1));
      const Tag = `h${level}` as 'h3';
      return <Tag key={key}>{inner}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{inner}</ul>;
    case 'orderedList':
      return <ol key={key}>{inner}</ol>;
    case 'listItem':
      return <li key={key}>{inner}</li>;
    case 'blockquote':
      return <blockquote key={key}>{inner}</blockquote>;
    case 'codeBlock':
      return <pre key={key}>{inner}</pre>;
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      return <div key={key}>{inner}</div>;
  }
}
