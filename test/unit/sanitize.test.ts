import { describe, expect, it } from 'vitest';
import { graphemes, padEnd, sanitize, stringWidth, truncate } from '../../src/core/sanitize.js';

const FAMILY = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}'; // 👨‍👩‍👧
const DEV = '\u{1F469}\u{1F3FD}\u200d\u{1F4BB}'; // 👩🏽‍💻
const RAINBOW_FLAG = '\u{1F3F3}\ufe0f\u200d\u{1F308}'; // 🏳️‍🌈
const SCOTLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';

// Control bytes (C0, DEL, C1), bidi controls, zero-width characters, lone surrogates.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u180e\ud800-\udfff]/u;

// [what an attacker names an object, the name, the visible trace it must leave]
const HOSTILE: Array<[string, string, string]> = [
  ['CSI clear screen', 'a\x1b[2Jb', '\\x1b[2J'],
  ['CSI cursor home + erase line', '\x1b[H\x1b[2Kok.txt', '\\x1b[H\\x1b[2K'],
  ['SGR colour that hides text', '\x1b[8mhidden\x1b[0m', '\\x1b[8m'],
  ['OSC window title (BEL)', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
  ['OSC 52 clipboard write', '\x1b]52;c;aGVsbG8=\x07', '\\x1b]52;c;aGVsbG8=\\x07'],
  ['OSC 8 hyperlink (ST)', '\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\', '\\x1b]8;;https://evil\\x1b\\'],
  ['DCS sequence', '\x1bPq#0;2;0;0;0\x1b\\', '\\x1bPq#0'],
  ['APC sequence', '\x1b_payload\x1b\\', '\\x1b_payload'],
  ['PM and SOS sequences', '\x1b^pm\x1b\\\x1bXsos\x1b\\', '\\x1b^pm'],
  ['8-bit CSI (C1 0x9b)', '\x9b2J', '\\u009b2J'],
  ['8-bit OSC (C1 0x9d)', '\x9d0;x\x07', '\\u009d0;x\\x07'],
  ['BEL', 'ding\x07', 'ding\\x07'],
  ['backspace overwrite', 'evil.exe\b\b\b\btxt', '\\x08\\x08'],
  ['carriage return overwrite', 'malware.sh\rreport.pdf', 'malware.sh\\rreport.pdf'],
  ['newline that fakes a second row', 'a.txt\nb.txt', 'a.txt\\nb.txt'],
  ['tab', 'a\tb', 'a\\tb'],
  ['NUL', 'nul\x00byte', 'nul\\x00byte'],
  ['DEL', 'del\x7f', 'del\\x7f'],
  ['bidi RLO (Trojan Source)', 'invoice\u202egpj.exe', 'invoice\\u202egpj.exe'],
  ['bidi isolate LRI/PDI', '\u2066admin\u2069', '\\u2066admin\\u2069'],
  ['bidi marks LRM/RLM/ALM', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
  ['zero-width space', 'pay\u200bpal', 'pay\\u200bpal'],
  ['zero-width non-joiner and word joiner', 'a\u200cb\u2060c', 'a\\u200cb\\u2060c'],
  ['BOM and Mongolian vowel separator', '\ufeffname\u180e', '\\ufeffname\\u180e'],
  ['ZWJ between letters', 'a\u200db', 'a\\u200db'],
  ['tag characters smuggling text', 'ok\u{E0068}\u{E0069}', '\\u{e0068}\\u{e0069}'],
  ['lone high surrogate', 'x\ud800y', 'x\ufffdy'],
  ['lone low surrogate', '\udc00', '\ufffd'],
  ['1,024-byte key of escapes', '\x1b[31m'.repeat(205).slice(0, 1024), '\\x1b[31m'],
];

describe('sanitize: hostile names', () => {
  it.each(HOSTILE)('Given a name with %s When sanitized Then no control, bidi or zero-width character survives', (_what, input) => {
    expect(sanitize(input)).not.toMatch(FORBIDDEN);
  });

  it.each(HOSTILE)('Given a name with %s When sanitized Then the replacement is visible', (_what, input, visible) => {
    expect(sanitize(input)).toContain(visible);
  });

  it('Given a 1,024-byte hostile key When sanitized Then every ESC is shown', () => {
    const key = '\x1b[31m'.repeat(205).slice(0, 1024);
    expect(key).toHaveLength(1024);
    expect(sanitize(key).split('\\x1b')).toHaveLength(205 + 1);
  });

  it('Given every C0, DEL and C1 code point When sanitized Then each becomes a visible escape', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => i)
      .concat(Array.from({ length: 0x21 }, (_, i) => 0x7f + i))
      .map((cp) => String.fromCodePoint(cp))
      .join('');
    const out = sanitize(all);
    expect(out).not.toMatch(FORBIDDEN);
    expect(out).toContain('\\x00');
    expect(out).toContain('\\x1f');
    expect(out).toContain('\\x7f');
    expect(out).toContain('\\u0080');
    expect(out).toContain('\\u009f');
  });
});

describe('sanitize: ordinary text is left alone', () => {
  it.each([
    ['plain ASCII', 'reports/2026/q4 summary (final).pdf'],
    ['awkward key', 'dir/a b+ü #?.txt'],
    ['German', 'Grüße/Übersicht.txt'],
    ['Japanese', '日本語/ファイル.txt'],
    ['Korean', '한국어.txt'],
    ['Arabic letters (no bidi controls)', 'مرحبا.txt'],
    ['combining marks', 'e\u0301te\u0301.txt'],
    ['emoji', 'party 🎉.png'],
    ['ZWJ family emoji', FAMILY],
    ['skin tone + ZWJ emoji', DEV],
    ['flag with variation selector + ZWJ', RAINBOW_FLAG],
    ['subdivision flag (tag sequence)', SCOTLAND],
    ['a literal backslash', 'C:\\path\\file'],
  ])('Given %s When sanitized Then it is unchanged', (_what, input) => {
    expect(sanitize(input)).toBe(input);
  });
});

describe('stringWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['ü', 1],
    ['e\u0301', 1],
    ['a\u0300\u0301\u0302', 1],
    ['日本', 4],
    ['한국', 4],
    ['ＡＢ', 4],
    ['🎉', 2],
    // ZWJ sequences count their parts (tmux draws them side by side): never under-measured.
    [FAMILY, 6],
    [DEV, 4],
    [RAINBOW_FLAG, 4],
    ['🇩🇪', 2],
    ['1\ufe0f\u20e3', 2],
    ['©', 1],
    ['❤\ufe0f', 2],
    ['\u200b', 0],
    ['\x1b', 0],
    ['a\u200db', 2],
  ])('Given %j When measured Then it takes %i columns', (s, width) => {
    expect(stringWidth(s)).toBe(width);
  });
});

describe('truncate', () => {
  it.each([
    ['abcdefghij', 10, 'end', 'abcdefghij'],
    ['abcdefghij', 9, 'end', 'abcdefgh…'],
    ['abcdefghij', 5, 'end', 'abcd…'],
    ['abcdefghij', 1, 'end', '…'],
    ['abcdefghij', 0, 'end', ''],
    ['abcdefghij', -3, 'end', ''],
    ['abcdefghij', 5, 'middle', 'ab…ij'],
    ['abcdefghij', 6, 'middle', 'abc…ij'],
    ['logs/2026/11/29/part-0001.gz', 16, 'middle', 'logs/202…0001.gz'],
    ['日本語テキスト', 5, 'end', '日本…'],
    ['日本語テキスト', 6, 'end', '日本…'],
    ['日本語テキスト', 5, 'middle', '日…ト'],
    ['e\u0301e\u0301e\u0301e\u0301', 3, 'end', 'e\u0301e\u0301…'],
    [`${FAMILY}${FAMILY}${FAMILY}`, 13, 'end', `${FAMILY}${FAMILY}…`],
    [`${FAMILY}${FAMILY}${FAMILY}`, 7, 'end', `${FAMILY}…`],
    [`${FAMILY}${FAMILY}${FAMILY}`, 6, 'end', '…'],
    ['a😀b😀c😀', 4, 'end', 'a😀…'],
  ] as const)('Given %j cut to %i columns at the %s Then it reads %j', (s, width, where, out) => {
    expect(truncate(s, width, where)).toBe(out);
  });

  it.each([
    ['ASCII', 'abcdefghijklmnopqrstuvwxyz'],
    ['CJK', '日本語のとても長いファイル名です.txt'],
    ['combining marks', 'e\u0301'.repeat(30)],
    ['emoji', '😀'.repeat(20)],
    ['ZWJ families', FAMILY.repeat(10)],
    ['mixed', `a日${FAMILY}e\u0301😀b`.repeat(5)],
  ])('Given a long %s string When cut to every width Then it fits and splits nothing', (_what, s) => {
    for (const where of ['end', 'middle'] as const) {
      for (let width = 0; width <= stringWidth(s) + 1; width++) {
        const out = truncate(s, width, where);
        expect(stringWidth(out)).toBeLessThanOrEqual(width);
        expect(out).not.toMatch(/[\ud800-\udfff]/u); // no half of a surrogate pair
        expect(out).not.toMatch(/^\p{M}|…\p{M}/u); // no combining mark orphaned at a cut
        // Every cluster of the result is a whole cluster of the input (ellipsis aside).
        const original = new Set(graphemes(s));
        for (const g of graphemes(out)) if (g !== '…') expect(original.has(g)).toBe(true);
      }
    }
  });
});

describe('padEnd', () => {
  it.each([
    ['ab', 5, 'ab   '],
    ['日本', 5, '日本 '],
    ['abcdefgh', 5, 'abcd…'],
    ['日本語', 5, '日本…'],
    ['日本語x', 6, '日本… '],
    ['', 3, '   '],
    ['abc', 0, ''],
  ])('Given %j padded to %i columns Then it reads %j', (s, width, out) => {
    expect(padEnd(s, width)).toBe(out);
    expect(stringWidth(padEnd(s, width))).toBe(width);
  });
});
