/**
 * A small Markdown reader for model cards: headings, paragraphs, bullet and numbered
 * lists, fenced code and pipe tables, with `code` and **bold** inline. It produces plain
 * data that `ModelCardText` renders as React elements, so the text of a card (which came
 * from a bundle someone else may have written) is never parsed as HTML.
 */

export type Inline = { kind: 'text' | 'code' | 'strong'; text: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: Inline[] }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] };

/** `code` and **bold** spans; anything else, HTML included, stays text. */
export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
    parts.push(m[1] !== undefined ? { kind: 'code', text: m[1] } : { kind: 'strong', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

const cells = (line: string): Inline[][] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => parseInline(cell.trim()));

const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

function readList(lines: string[], start: number): { block: Block; next: number } {
  const ordered = LIST_ITEM.exec(lines[start]!)![2] !== undefined;
  const items: Inline[][] = [];
  let i = start;
  for (; i < lines.length; i += 1) {
    const m = LIST_ITEM.exec(lines[i]!);
    if (!m || (m[2] !== undefined) !== ordered) break;
    items.push(parseInline(m[3]!));
  }
  return { block: { kind: 'list', ordered, items }, next: i };
}

function readTable(lines: string[], start: number): { block: Block; next: number } {
  const header = cells(lines[start]!);
  let i = start + 2;
  const rows: Inline[][][] = [];
  for (; i < lines.length && lines[i]!.trim().startsWith('|'); i += 1) rows.push(cells(lines[i]!));
  return { block: { kind: 'table', header, rows }, next: i };
}

function readCode(lines: string[], start: number): { block: Block; next: number } {
  const language = lines[start]!.trim().slice(3).trim();
  let i = start + 1;
  const body: string[] = [];
  for (; i < lines.length && !lines[i]!.trim().startsWith('```'); i += 1) body.push(lines[i]!);
  return { block: { kind: 'code', language, text: body.join('\n') }, next: i + 1 };
}

const isTableStart = (lines: string[], i: number) =>
  lines[i]!.trim().startsWith('|') &&
  /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? '') &&
  lines[i + 1]!.includes('-');

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    let read: { block: Block; next: number } | null = null;
    if (line.trim().startsWith('```')) read = readCode(lines, i);
    else if (LIST_ITEM.test(line)) read = readList(lines, i);
    else if (isTableStart(lines, i)) read = readTable(lines, i);
    if (read) {
      flush();
      blocks.push(read.block);
      i = read.next;
    } else if (heading) {
      flush();
      const level = heading[1]!.length as 1 | 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, text: parseInline(heading[2]!.trim()) });
      i += 1;
    } else {
      if (line.trim() === '') flush();
      else paragraph.push(line.trim());
      i += 1;
    }
  }
  flush();
  return blocks;
}
