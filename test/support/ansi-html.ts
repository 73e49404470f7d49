// `tmux capture-pane -p -e` output → a standalone HTML page that looks like a dark terminal, for the
// screenshots in screenshots/ (rendered to PNG by headless Chromium, see test/tools/screenshots.ts).
//
// What it understands: SGR colours (16, 256 and truecolor, `;` or `:` separated), bold, dim, italic,
// underline, strike-through, inverse, hidden and their resets; any other escape sequence (CSI, OSC,
// two-byte ESC) is dropped. Text is laid out on a fixed cell grid: every cell is its own box one (or,
// for East Asian wide characters and emoji, two) cells wide, so box-drawing lines and columns align
// whatever font a glyph falls back to. Widths follow tmux 3.3 (wcwidth per code point; combining
// marks, variation selectors and whatever follows a ZWJ join the previous cell).

export type Color = { kind: 'palette'; index: number } | { kind: 'rgb'; r: number; g: number; b: number };

export interface Style {
  fg: Color | null;
  bg: Color | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  inverse: boolean;
  hidden: boolean;
}

export interface Cell {
  /** The character(s) drawn in this cell: one base code point plus any zero-width ones joined to it. */
  text: string;
  /** Columns taken: 2 for wide characters. */
  width: 1 | 2;
  style: Style;
}

export const PLAIN: Readonly<Style> = Object.freeze({
  fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, strike: false, inverse: false, hidden: false,
});

// ---------------------------------------------------------------------------------------------
// widths (what tmux does with a code point)

// East Asian Wide (W) and Fullwidth (F) ranges, from Unicode 15 EastAsianWidth.txt (abridged to the
// blocks that matter in practice), plus the emoji with default emoji presentation (checked separately).
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufe00-\ufe0f\u{e0000}-\u{e007f}\u{1f3fb}-\u{1f3ff}]$/u;
const ZWJ = '\u200d';

/** Columns a code point takes in tmux: 0 (joins the previous cell), 1 or 2. */
export function codePointWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  if (ZERO_WIDTH.test(ch)) return 0;
  if (cp < 0x1100) return 1;
  if (EMOJI_PRESENTATION.test(ch)) return 2;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

// ---------------------------------------------------------------------------------------------
// parsing

/** Apply one SGR sequence's parameters (the text between `ESC [` and `m`) to a style. */
export function applySgr(style: Style, params: string): Style {
  const s: Style = { ...style };
  // Split on ';'; a parameter may carry ':' sub-parameters (38:2::r:g:b, 4:3).
  const parts = params === '' ? ['0'] : params.split(';');
  const num = (x: string | undefined) => (x === undefined || x === '' ? 0 : Number.parseInt(x, 10));
  // Extended colour (38/48/58): from ':' sub-parameters, or by consuming the following ';' ones.
  const extended = (i: number): { color: Color | null; next: number } => {
    const sub = parts[i]!.split(':');
    if (sub.length > 1) {
      const mode = num(sub[1]);
      if (mode === 5) return { color: { kind: 'palette', index: num(sub[2]) & 255 }, next: i + 1 };
      if (mode === 2) {
        // 38:2:r:g:b or 38:2:<colour space>:r:g:b
        const rgb = sub.length >= 6 ? sub.slice(3, 6) : sub.slice(2, 5);
        const [r, g, b] = rgb.map((v) => Math.min(255, num(v)));
        return { color: { kind: 'rgb', r: r ?? 0, g: g ?? 0, b: b ?? 0 }, next: i + 1 };
      }
      return { color: null, next: i + 1 };
    }
    const mode = num(parts[i + 1]);
    if (mode === 5) return { color: { kind: 'palette', index: num(parts[i + 2]) & 255 }, next: i + 3 };
    if (mode === 2) {
      const [r, g, b] = [parts[i + 2], parts[i + 3], parts[i + 4]].map((v) => Math.min(255, num(v)));
      return { color: { kind: 'rgb', r: r!, g: g!, b: b! }, next: i + 5 };
    }
    return { color: null, next: i + 2 };
  };
  let i = 0;
  while (i < parts.length) {
    const code = num(parts[i]!.split(':')[0]);
    if (code === 38 || code === 48 || code === 58) {
      const { color, next } = extended(i);
      if (code === 38) s.fg = color;
      else if (code === 48) s.bg = color;
      // 58: underline colour, not drawn
      i = next;
      continue;
    }
    switch (true) {
      case code === 0: Object.assign(s, PLAIN); break;
      case code === 1: s.bold = true; break;
      case code === 2: s.dim = true; break;
      case code === 3: s.italic = true; break;
      case code === 4: s.underline = parts[i]!.split(':')[1] !== '0'; break;
      case code === 7: s.inverse = true; break;
      case code === 8: s.hidden = true; break;
      case code === 9: s.strike = true; break;
      case code === 21: s.underline = true; break;
      case code === 22: s.bold = false; s.dim = false; break;
      case code === 23: s.italic = false; break;
      case code === 24: s.underline = false; break;
      case code === 27: s.inverse = false; break;
      case code === 28: s.hidden = false; break;
      case code === 29: s.strike = false; break;
      case code >= 30 && code <= 37: s.fg = { kind: 'palette', index: code - 30 }; break;
      case code === 39: s.fg = null; break;
      case code >= 40 && code <= 47: s.bg = { kind: 'palette', index: code - 40 }; break;
      case code === 49: s.bg = null; break;
      case code >= 90 && code <= 97: s.fg = { kind: 'palette', index: code - 90 + 8 }; break;
      case code >= 100 && code <= 107: s.bg = { kind: 'palette', index: code - 100 + 8 }; break;
      default: break; // blink, overline, fonts, …: not drawn
    }
    i++;
  }
  return s;
}

/**
 * Parse capture-pane output into rows of cells. Styles carry across line ends, as they do in the
 * stream tmux writes (it resets explicitly where an attribute stops).
 */
export function parseAnsi(text: string): Cell[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // the final newline
  let style: Style = { ...PLAIN };
  const rows: Cell[][] = [];
  for (const line of lines) {
    const row: Cell[] = [];
    let joinNext = false;
    let i = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (c === '\x1b') {
        const next = line[i + 1];
        if (next === '[') {
          // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, final byte 0x40–0x7e
          let j = i + 2;
          while (j < line.length && /[\x30-\x3f]/.test(line[j]!)) j++;
          const params = line.slice(i + 2, j);
          while (j < line.length && /[\x20-\x2f]/.test(line[j]!)) j++;
          const final = line[j];
          if (final === 'm' && /^[\d;:]*$/.test(params)) style = applySgr(style, params);
          i = j + 1;
        } else if (next === ']' || next === 'P' || next === '_' || next === '^' || next === 'X') {
          // OSC / DCS / APC / PM / SOS: up to BEL or ST (ESC \)
          let j = i + 2;
          while (j < line.length && line[j] !== '\x07' && !(line[j] === '\x1b' && line[j + 1] === '\\')) j++;
          i = line[j] === '\x07' ? j + 1 : j + 2;
        } else {
          // ESC [intermediates] final: charset designations (ESC ( B), keypad modes, …
          let j = i + 1;
          while (j < line.length && /[\x20-\x2f]/.test(line[j]!)) j++;
          i = j + 1;
        }
        continue;
      }
      const cp = line.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      i += ch.length;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue; // stray control characters: not drawn
      const w = codePointWidth(ch);
      const prev = row[row.length - 1];
      if (prev && (w === 0 || joinNext)) {
        prev.text += ch;
        joinNext = ch === ZWJ;
        continue;
      }
      joinNext = false;
      if (w === 0) continue; // nothing to join to at the start of a line
      row.push({ text: ch, width: w, style });
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// colours

export interface TerminalTheme {
  background: string;
  foreground: string;
  /** The 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
  ansi: string[];
}

/** A dark theme (GitHub Dark's terminal colours). */
export const DARK_THEME: TerminalTheme = {
  background: '#0d1117',
  foreground: '#e6edf3',
  ansi: [
    '#484f58', '#ff7b72', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#b1bac4',
    '#8b949e', '#ffa198', '#56d364', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#ffffff',
  ],
};

const hex2 = (n: number) => Math.round(Math.max(0, Math.min(255, n))).toString(16).padStart(2, '0');
const rgbHex = (r: number, g: number, b: number) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** xterm's 256-colour palette: 0–15 from the theme, a 6×6×6 cube, then 24 greys. */
export function paletteColor(index: number, theme: TerminalTheme = DARK_THEME): string {
  if (index < 16) return theme.ansi[index]!;
  if (index < 232) {
    const n = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return rgbHex(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
  }
  const grey = 8 + (index - 232) * 10;
  return rgbHex(grey, grey, grey);
}

function colorCss(c: Color, theme: TerminalTheme): string {
  return c.kind === 'rgb' ? rgbHex(c.r, c.g, c.b) : paletteColor(c.index, theme);
}

function mix(a: string, b: string, t: number): string {
  const p = (h: string) => [1, 3, 5].map((k) => Number.parseInt(h.slice(k, k + 2), 16));
  const [ar, ag, ab] = p(a);
  const [br, bg, bb] = p(b);
  return rgbHex(ar! + (br! - ar!) * t, ag! + (bg! - ag!) * t, ab! + (bb! - ab!) * t);
}

/** The colours a cell is drawn with, after inverse, dim and hidden. */
export function resolveColors(style: Style, theme: TerminalTheme = DARK_THEME): { fg: string; bg: string } {
  let fg = style.fg ? colorCss(style.fg, theme) : theme.foreground;
  let bg = style.bg ? colorCss(style.bg, theme) : theme.background;
  if (style.inverse) [fg, bg] = [bg, fg];
  if (style.dim) fg = mix(fg, bg, 0.45);
  if (style.hidden) fg = bg;
  return { fg, bg };
}

// ---------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface HtmlOptions {
  /** Terminal size in cells; rows/columns beyond are cut, missing ones are blank. Default: the capture's. */
  columns?: number;
  rows?: number;
  /** Window title shown in a title bar; omit for no title bar. */
  title?: string;
  theme?: TerminalTheme;
  /** Font size and cell size in CSS pixels (defaults 15, 9 × 18: DejaVu Sans Mono's advance at 15px is 9.03). */
  fontSize?: number;
  cellWidth?: number;
  cellHeight?: number;
}

export interface HtmlPage {
  html: string;
  /** Page size in CSS pixels, for the browser window. */
  width: number;
  height: number;
}

const PAD = 14;
const TITLE_H = 30;
const FONTS = `'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', 'Noto Sans CJK JP', 'DejaVu Sans', 'Noto Color Emoji', monospace`;

// Box drawing. Font glyphs for ─│╭╮ rarely meet exactly at cell edges (DejaVu Sans Mono's are 17.5 px
// tall in an 18 px row, 9.03 px wide in a 9 px cell: hairline seams), so the light, heavy and rounded
// lines that TUIs draw their borders with are painted with CSS on the pixel grid instead, the way
// terminal emulators draw them themselves. The character stays in the page (transparent), for copying.

type Arm = 'u' | 'd' | 'l' | 'r';
/** Box-drawing characters drawn with CSS: arms, line weight, and the rounded corners. */
const BOX: Record<string, { arms: Arm[]; heavy?: boolean; round?: boolean }> = {
  '─': { arms: ['l', 'r'] }, '━': { arms: ['l', 'r'], heavy: true },
  '│': { arms: ['u', 'd'] }, '┃': { arms: ['u', 'd'], heavy: true },
  '┌': { arms: ['r', 'd'] }, '┐': { arms: ['l', 'd'] }, '└': { arms: ['u', 'r'] }, '┘': { arms: ['u', 'l'] },
  '├': { arms: ['u', 'd', 'r'] }, '┤': { arms: ['u', 'd', 'l'] }, '┬': { arms: ['l', 'r', 'd'] }, '┴': { arms: ['l', 'r', 'u'] },
  '┼': { arms: ['u', 'd', 'l', 'r'] },
  '┏': { arms: ['r', 'd'], heavy: true }, '┓': { arms: ['l', 'd'], heavy: true }, '┗': { arms: ['u', 'r'], heavy: true },
  '┛': { arms: ['u', 'l'], heavy: true }, '┣': { arms: ['u', 'd', 'r'], heavy: true }, '┫': { arms: ['u', 'd', 'l'], heavy: true },
  '┳': { arms: ['l', 'r', 'd'], heavy: true }, '┻': { arms: ['l', 'r', 'u'], heavy: true }, '╋': { arms: ['u', 'd', 'l', 'r'], heavy: true },
  '╭': { arms: ['r', 'd'], round: true }, '╮': { arms: ['l', 'd'], round: true },
  '╯': { arms: ['u', 'l'], round: true }, '╰': { arms: ['u', 'r'], round: true },
  '╴': { arms: ['l'] }, '╵': { arms: ['u'] }, '╶': { arms: ['r'] }, '╷': { arms: ['d'] },
};

/** The CSS rules drawing one box-drawing character in a cw × rowH cell. */
function boxRules(ch: string, cw: number, rowH: number): string {
  const sel = `.r i.${boxClass(ch)}`;
  const spec = BOX[ch]!;
  const t = spec.heavy ? 2 : 1;
  const x0 = Math.floor((cw - t) / 2);
  const y0 = Math.floor((rowH - t) / 2);
  const bar = (x: number, y: number, w: number, h: number) =>
    `linear-gradient(currentColor,currentColor) ${x}px ${y}px/${w}px ${h}px no-repeat`;
  if (spec.round) {
    const [v, h] = [spec.arms.includes('u') ? 'bottom' : 'top', spec.arms.includes('l') ? 'right' : 'left'];
    const left = h === 'left' ? x0 : 0;
    const top = v === 'top' ? y0 : 0;
    const width = h === 'left' ? cw - x0 : x0 + t;
    const height = v === 'top' ? rowH - y0 : y0 + t;
    const r = Math.max(2, Math.floor(Math.min(cw, rowH) / 2));
    return `${sel}{position:relative}\n${sel}::before{content:'';position:absolute;left:${left}px;top:${top}px;` +
      `width:${width}px;height:${height}px;box-sizing:border-box;border-${v}:${t}px solid currentColor;border-${h}:${t}px solid currentColor;` +
      `border-${v}-${h}-radius:${r}px}`;
  }
  const layers = spec.arms.map((a) =>
    a === 'l' ? bar(0, y0, x0 + t, t) : a === 'r' ? bar(x0, y0, cw - x0, t) : a === 'u' ? bar(x0, 0, t, y0 + t) : bar(x0, y0, t, rowH - y0),
  );
  return `${sel}{background:${layers.join(',')}}`;
}

const boxClass = (ch: string) => `x${ch.codePointAt(0)!.toString(16)}`;

/** Other box-drawing and block elements (▏ …) stay font glyphs, stretched to the full cell height. */
const isBlockGlyph = (text: string) => {
  const cp = text.codePointAt(0) ?? 0;
  return cp >= 0x2500 && cp <= 0x259f;
};

/** A standalone HTML page drawing the captured screen. */
export function ansiToHtml(capture: string, opts: HtmlOptions = {}): HtmlPage {
  const theme = opts.theme ?? DARK_THEME;
  const fontSize = opts.fontSize ?? 15;
  const cw = opts.cellWidth ?? 9;
  const ch = opts.cellHeight ?? 18;
  const parsed = parseAnsi(capture);
  const columns = opts.columns ?? Math.max(1, ...parsed.map((r) => r.reduce((n, c) => n + c.width, 0)));
  const rowCount = opts.rows ?? parsed.length;

  const classes = new Map<string, string>();
  const classFor = (style: Style) => {
    const { fg, bg } = resolveColors(style, theme);
    const decl = [
      `color:${fg}`,
      bg !== theme.background ? `background:${bg}` : '',
      style.bold ? 'font-weight:bold' : '',
      style.italic ? 'font-style:italic' : '',
      style.underline || style.strike ? `text-decoration:${[style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].join(' ').trim()}` : '',
    ].filter(Boolean).join(';');
    let name = classes.get(decl);
    if (!name) {
      name = `s${classes.size}`;
      classes.set(decl, name);
    }
    return name;
  };

  const boxChars = new Set<string>();
  const body: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells: Cell[] = [];
    let used = 0;
    for (const cell of parsed[r] ?? []) {
      if (used + cell.width > columns) break;
      cells.push(cell);
      used += cell.width;
    }
    // tmux leaves out the blank default cells at the end of a line: draw them plain.
    while (used < columns) {
      cells.push({ text: ' ', width: 1, style: PLAIN });
      used++;
    }
    let html = '';
    let run = '';
    let runClass = '';
    const flush = () => {
      if (run) html += `<span class="${runClass}">${run}</span>`;
      run = '';
    };
    for (const cell of cells) {
      const cls = classFor(cell.style);
      if (cls !== runClass) {
        flush();
        runClass = cls;
      }
      let extra = cell.width === 2 ? 'w' : '';
      if (BOX[cell.text]) {
        boxChars.add(cell.text);
        extra = `bx ${boxClass(cell.text)}`;
      } else if (isBlockGlyph(cell.text)) {
        extra = 'b';
      }
      run += extra ? `<i class="${extra}">${escapeHtml(cell.text)}</i>` : `<i>${escapeHtml(cell.text)}</i>`;
    }
    flush();
    body.push(`<div class="r">${html}</div>`);
  }

  const width = columns * cw + 2 * PAD;
  const height = rowCount * ch + 2 * PAD + (opts.title !== undefined ? TITLE_H : 0);
  const css = `
*{margin:0;padding:0;box-sizing:border-box}
html,body{width:${width}px;height:${height}px;overflow:hidden;background:${theme.background}}
body{font-family:${FONTS};font-size:${fontSize}px;color:${theme.foreground};-webkit-font-smoothing:antialiased;font-variant-ligatures:none;font-kerning:none}
.bar{height:${TITLE_H}px;display:flex;align-items:center;position:relative;background:#161b22;border-bottom:1px solid #30363d;font-family:'DejaVu Sans',sans-serif;font-size:12px;color:#8b949e}
.bar .dots{position:absolute;left:12px;display:flex;gap:8px}
.bar .dots b{width:12px;height:12px;border-radius:50%;display:block}
.bar .t{width:100%;text-align:center;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:0 80px}
.term{padding:${PAD}px}
.r{height:${ch}px;line-height:${ch}px;white-space:pre;display:flex}
.r span{display:flex;height:${ch}px}
.r i{display:block;flex:none;width:${cw}px;height:${ch}px;font-style:inherit;text-align:center;overflow:visible}
.r i.w{width:${2 * cw}px}
.r i.b{transform:scaleY(1.08)}
.r i.bx{-webkit-text-fill-color:transparent}
${[...boxChars].map((c) => boxRules(c, cw, ch)).join('\n')}
${[...classes].map(([decl, name]) => `.${name}{${decl}}`).join('\n')}
`;
  const bar = opts.title !== undefined
    ? `<div class="bar"><div class="dots"><b style="background:#ff5f57"></b><b style="background:#febc2e"></b><b style="background:#28c840"></b></div><div class="t">${escapeHtml(opts.title)}</div></div>`
    : '';
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(opts.title ?? 'terminal')}</title>
<style>${css}</style></head>
<body>${bar}<div class="term">
${body.join('\n')}
</div></body></html>
`;
  return { html, width, height };
}
