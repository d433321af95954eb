/** The model card reader: each block kind, inline spans, and HTML kept as text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInline, parseMarkdown } from './markdown-lite';

describe('markdown-lite', () => {
  it('reads headings, paragraphs, lists, code and tables', () => {
    const blocks = parseMarkdown(
      [
        '# churn 1.0.0',
        'Predicts **churn**',
        'from `plan`.',
        '',
        '- one',
        '- two',
        '1. first',
        '```python',
        'import onnxruntime as ort',
        '```',
        '| metric | value |',
        '| --- | ---: |',
        '| AUC | 0.91 |',
      ].join('\n'),
    );
    assert.deepEqual(
      blocks.map((b) => b.kind),
      ['heading', 'paragraph', 'list', 'list', 'code', 'table'],
    );
    assert.deepEqual(blocks[1], {
      kind: 'paragraph',
      text: [
        { kind: 'text', text: 'Predicts ' },
        { kind: 'strong', text: 'churn' },
        { kind: 'text', text: ' from ' },
        { kind: 'code', text: 'plan' },
        { kind: 'text', text: '.' },
      ],
    });
    assert.deepEqual(blocks[4], { kind: 'code', language: 'python', text: 'import onnxruntime as ort' });
    const table = blocks[5]!;
    assert.ok(table.kind === 'table' && table.rows.length === 1 && table.header.length === 2);
  });

  it('keeps HTML as text', () => {
    assert.deepEqual(parseInline('<img src=x onerror=alert(1)>'), [
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});
