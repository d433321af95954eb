/**
 * A model card (the bundle's README.md) shown as formatted text: blocks from
 * markdown-lite become React elements, so nothing in the card is ever read as HTML.
 */
import { useMemo } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown-lite';

function Spans({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'code' ? (
          <code key={i}>{part.text}</code>
        ) : part.kind === 'strong' ? (
          <strong key={i}>{part.text}</strong>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[block.level - 1]!;
      return (
        <Tag>
          <Spans parts={block.text} />
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Spans parts={block.text} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Spans parts={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      return (
        <pre className="card-code" data-language={block.language || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'table':
      return (
        <table className="data-table compact">
          <thead>
            <tr>
              {block.header.map((cell, i) => (
                <th key={i}>
                  <Spans parts={cell} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i}>
                    <Spans parts={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export function ModelCardText({ text }: { text: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <article className="model-card-text" data-testid="model-card-text">
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}
