// Column alignment as Go's text/tabwriter does it, which is what kubectl prints through:
// cells end with a tab; a column is aligned over a block of consecutive lines that have a
// cell in it; the text after a line's last tab is not part of any column. `get` uses
// minwidth 6 and padding 3, `describe` minwidth 0 and padding 2.

export interface TabOptions {
  readonly minWidth: number;
  readonly padding: number;
}

export const getTabs: TabOptions = { minWidth: 6, padding: 3 };
export const describeTabs: TabOptions = { minWidth: 0, padding: 2 };

/** Display width: code points (kubectl counts runes). */
const width = (s: string): number => [...s].length;

export function formatTabs(text: string, o: TabOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const write = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      cells.forEach((c, j) => {
        if (j < cells.length - 1 && j < widths.length) s += c + ' '.repeat(Math.max(0, widths[j]! - width(c)));
        else s += c;
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let from = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      write(from, i);
      from = i;
      let w = o.minWidth;
      for (; i < line1; i++) {
        const cells = lines[i]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + o.padding);
      }
      widths.push(w);
      format(from, i);
      widths.pop();
      from = i;
      i--;
    }
    write(from, line1);
  };
  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
