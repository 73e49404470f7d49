import { describe, expect, it } from 'vitest';
import {
  DARK_THEME,
  PLAIN,
  ansiToHtml,
  applySgr,
  codePointWidth,
  escapeHtml,
  paletteColor,
  parseAnsi,
  resolveColors,
} from '../support/ansi-html.js';

const ESC = '\x1b';
const sgr = (p: string) => `${ESC}[${p}m`;
const ansi = DARK_THEME.ansi;

/** The one row of a one-line capture, as [text, style] pairs. */
function row(capture: string) {
  return parseAnsi(capture)[0]!.map((c) => ({ text: c.text, width: c.width, ...c.style }));
}

/** The CSS declarations of the class on the span that holds `text` in the page. */
function cssOf(html: string, text: string): string {
  const cells = [...text].map((ch) => `<i[^>]*>${escapeHtml(ch).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</i>`).join('');
  const m = new RegExp(`<span class="(s\\d+)">(?:<i[^>]*>[^<]*</i>)*?${cells}`).exec(html);
  if (!m) throw new Error(`no span holding ${JSON.stringify(text)}`);
  const rule = new RegExp(`\\.${m[1]}\\{([^}]*)\\}`).exec(html);
  return rule ? rule[1]! : '';
}

describe('applySgr: colours', () => {
  it.each([
    ['31', { kind: 'palette', index: 1 }],
    ['37', { kind: 'palette', index: 7 }],
    ['90', { kind: 'palette', index: 8 }],
    ['97', { kind: 'palette', index: 15 }],
    ['38;5;200', { kind: 'palette', index: 200 }],
    ['38:5:200', { kind: 'palette', index: 200 }],
    ['38;2;10;20;30', { kind: 'rgb', r: 10, g: 20, b: 30 }],
    ['38:2::10:20:30', { kind: 'rgb', r: 10, g: 20, b: 30 }],
    ['38:2:10:20:30', { kind: 'rgb', r: 10, g: 20, b: 30 }],
  ])('Given SGR %s When applied Then the foreground is %j', (params, fg) => {
    expect(applySgr(PLAIN, params).fg).toEqual(fg);
  });

  it.each([
    ['41', { kind: 'palette', index: 1 }],
    ['103', { kind: 'palette', index: 11 }],
    ['48;5;17', { kind: 'palette', index: 17 }],
    ['48;2;1;2;3', { kind: 'rgb', r: 1, g: 2, b: 3 }],
  ])('Given SGR %s When applied Then the background is %j', (params, bg) => {
    expect(applySgr(PLAIN, params).bg).toEqual(bg);
  });

  it('Given a truecolour foreground followed by more parameters When applied Then those apply too', () => {
    const s = applySgr(PLAIN, '38;2;1;2;3;1;44');
    expect(s.fg).toEqual({ kind: 'rgb', r: 1, g: 2, b: 3 });
    expect(s.bold).toBe(true);
    expect(s.bg).toEqual({ kind: 'palette', index: 4 });
  });

  it('Given 39 and 49 When applied Then the colours go back to the defaults and nothing else changes', () => {
    const s = applySgr(applySgr(PLAIN, '1;31;42'), '39;49');
    expect(s).toEqual({ ...PLAIN, bold: true });
  });
});

describe('applySgr: attributes and resets', () => {
  it('Given bold, dim, inverse When applied Then each is set', () => {
    expect(applySgr(PLAIN, '1;2;7')).toEqual({ ...PLAIN, bold: true, dim: true, inverse: true });
  });

  it.each([
    ['0', PLAIN],
    ['', PLAIN],
    ['22', { bold: false, dim: false, inverse: true }],
    ['27', { bold: true, dim: true, inverse: false }],
  ])('Given bold+dim+inverse+red When SGR "%s" Then the style is %j', (params, expected) => {
    const s = applySgr(applySgr(PLAIN, '1;2;7;31'), params);
    expect(s).toMatchObject(expected);
  });

  it('Given a full reset When applied Then colours are cleared as well', () => {
    const s = applySgr(applySgr(PLAIN, '1;7;38;5;100;48;2;1;2;3'), '0');
    expect(s).toEqual(PLAIN);
  });
});

describe('parseAnsi', () => {
  it('Given styled text When parsed Then each cell carries the style in force, and reset ends it', () => {
    const cells = row(`a${sgr('1;36')}bc${sgr('0')}d`);
    expect(cells.map((c) => [c.text, c.bold, c.fg])).toEqual([
      ['a', false, null],
      ['b', true, { kind: 'palette', index: 6 }],
      ['c', true, { kind: 'palette', index: 6 }],
      ['d', false, null],
    ]);
  });

  it('Given a style set on one line and not reset When the next line is parsed Then it carries over (as in the tmux stream)', () => {
    const rows = parseAnsi(`x${sgr('32')}y\nz${sgr('0')}\n`);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]!.style.fg).toEqual({ kind: 'palette', index: 2 });
  });

  it('Given non-SGR escapes (cursor moves, OSC 8 links, ESC x) When parsed Then they draw nothing', () => {
    const cells = row(`${ESC}[2Ja${ESC}]8;;https://x.test${ESC}\\b${ESC}]8;;${ESC}\\${ESC}[?25lc${ESC}(Bd${ESC}]0;title\x07e`);
    expect(cells.map((c) => c.text).join('')).toBe('abcde');
  });

  it('Given wide characters and emoji When parsed Then they take two cells; combining marks and ZWJ sequences join their base', () => {
    const cells = row('日🎉e\u0301👩\u200d💻x');
    expect(cells.map((c) => [c.text, c.width])).toEqual([
      ['日', 2],
      ['🎉', 2],
      ['e\u0301', 1],
      ['👩\u200d💻', 2],
      ['x', 1],
    ]);
  });

  it.each([
    ['a', 1], ['ü', 1], ['─', 1], ['▸', 1], ['⚠', 1], ['日', 2], ['한', 2], ['Ａ', 2], ['🎉', 2], ['\u0301', 0], ['\ufe0f', 0],
  ])('Given %s When measured Then it takes %d columns', (ch, w) => {
    expect(codePointWidth(ch)).toBe(w);
  });
});

describe('colours', () => {
  it('Given the 256-colour palette When resolved Then 0-15 are the theme, then the xterm cube and grey ramp', () => {
    expect(paletteColor(1)).toBe(ansi[1]);
    expect(paletteColor(16)).toBe('#000000');
    expect(paletteColor(21)).toBe('#0000ff');
    expect(paletteColor(196)).toBe('#ff0000');
    expect(paletteColor(231)).toBe('#ffffff');
    expect(paletteColor(232)).toBe('#080808');
    expect(paletteColor(255)).toBe('#eeeeee');
  });

  it('Given inverse with default colours When resolved Then the text is the background colour on the foreground colour', () => {
    expect(resolveColors({ ...PLAIN, inverse: true })).toEqual({ fg: DARK_THEME.background, bg: DARK_THEME.foreground });
  });

  it('Given inverse with a cyan foreground When resolved Then cyan becomes the background', () => {
    expect(resolveColors(applySgr(PLAIN, '36;7'))).toEqual({ fg: DARK_THEME.background, bg: ansi[6] });
  });

  it('Given dim When resolved Then the foreground moves toward the background', () => {
    const { fg } = resolveColors(applySgr(PLAIN, '2;97')); // white #ffffff toward #0d1117
    expect(fg).not.toBe('#ffffff');
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(fg.slice(i, i + 2), 16));
    expect(r! < 255 && r! > 0x0d && g! < 255 && b! < 255).toBe(true);
  });
});

describe('ansiToHtml', () => {
  it('Given coloured text When converted Then each run gets its colours, inverse swapped, and reset returns to the defaults', () => {
    const capture = `${sgr('31')}red${sgr('0')} ${sgr('38;2;1;2;3;48;5;196')}tc${sgr('0')} ${sgr('1;36;7')}sel${sgr('0')} plain\n`;
    const { html } = ansiToHtml(capture, { columns: 30, rows: 1 });
    expect(cssOf(html, 'red')).toBe(`color:${ansi[1]}`);
    expect(cssOf(html, 'tc')).toBe('color:#010203;background:#ff0000');
    expect(cssOf(html, 'sel')).toBe(`color:${DARK_THEME.background};background:${ansi[6]};font-weight:bold`);
    expect(cssOf(html, 'plain')).toBe(`color:${DARK_THEME.foreground}`);
  });

  it('Given <, & and > (and quotes) in the text When converted Then they are escaped, never markup', () => {
    const { html } = ansiToHtml(`<script>alert("x&y")</script> 'q'\n`, { columns: 40, rows: 1, title: '<b>&</b>' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>&');
    expect(html).toContain('<i>&lt;</i><i>s</i>');
    expect(html).toContain('<i>&amp;</i>');
    expect(html).toContain('<i>&gt;</i>');
    expect(html).toContain('<i>&quot;</i>');
    expect(html).toContain('<i>&#39;</i>');
    expect(html).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('Given a capture When converted Then every row has exactly `columns` cells (wide ones count two) and there are `rows` rows', () => {
    const { html, width, height } = ansiToHtml('日本 🎉\nshort\n', { columns: 10, rows: 3 });
    const rows = html.match(/<div class="r">.*?<\/div>/g)!;
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      const narrow = (r.match(/<i(?: class="b[^"]*")?>/g) ?? []).length;
      const wide = (r.match(/<i class="w[^"]*">/g) ?? []).length;
      expect(narrow + 2 * wide).toBe(10);
    }
    expect(rows[0]).toContain('<i class="w">日</i><i class="w">本</i><i> </i><i class="w">🎉</i>');
    expect(width).toBe(10 * 9 + 28);
    expect(height).toBe(3 * 18 + 28);
  });

  it('Given a line longer than the terminal When converted Then it is cut at the last whole cell', () => {
    const { html } = ansiToHtml('abcd日\n', { columns: 5, rows: 1 });
    const r = html.match(/<div class="r">.*?<\/div>/)![0];
    expect(r).not.toContain('日');
    expect((r.match(/<i/g) ?? []).length).toBe(5);
  });

  it('Given box-drawing border characters When converted Then they are painted on the cell grid by CSS, the glyph kept but transparent', () => {
    const { html } = ansiToHtml('╭─╮\n│x│\n╰─╯\n', { columns: 3, rows: 3, cellWidth: 9, cellHeight: 18 });
    expect(html).toContain('<i class="bx x256d">╭</i><i class="bx x2500">─</i><i class="bx x256e">╮</i>');
    expect(html).toContain('<i>x</i>');
    expect(html).toContain('.r i.bx{-webkit-text-fill-color:transparent}');
    // ─: one 1px bar across the whole cell, at the middle row of pixels; │: down the middle column
    expect(html).toContain('.r i.x2500{background:linear-gradient(currentColor,currentColor) 0px 8px/5px 1px no-repeat,linear-gradient(currentColor,currentColor) 4px 8px/5px 1px no-repeat}');
    expect(html).toContain('.r i.x2502{background:linear-gradient(currentColor,currentColor) 4px 0px/1px 9px no-repeat,linear-gradient(currentColor,currentColor) 4px 8px/1px 10px no-repeat}');
    expect(html).toMatch(/\.r i\.x256d::before\{[^}]*border-top-left-radius/);
  });

  it('Given other block elements (the ▏ cursor) When converted Then they stay glyphs, stretched to the row', () => {
    const { html } = ansiToHtml('a▏\n', { columns: 2, rows: 1 });
    expect(html).toContain('<i class="b">▏</i>');
  });
});
