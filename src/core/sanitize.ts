// Untrusted text (bucket names, keys, metadata, server error bodies, pasted URLs) reaches the
// terminal through here. Anyone who can name an S3 object can otherwise clear the screen, retitle
// the window, write the clipboard (OSC 52), or reorder what the user reads (bidi overrides,
// "Trojan Source", CVE-2021-42574). Nothing is deleted: dangerous characters are replaced by a
// visible escape (`\x1b`, `\u202e`), so the user sees that something odd is in the name.
//
// A literal backslash is left alone: a key really named `a\x1b` then reads like an escaped ESC.
// That ambiguity is cosmetic, whereas escaping every backslash would mangle Windows-style keys.

const CONTROL_NAMES: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

// Invisible or direction-changing format characters, plus the Hangul fillers that make "blank"
// names. U+200D (ZWJ) and the tag characters are handled separately: emoji need them.
const HIDDEN = new Set<number>([
  0x00ad, // soft hyphen: invisible in most terminals
  0x061c, // Arabic letter mark (bidi)
  0x115f, 0x3164, 0xffa0, // Hangul fillers: render as blank space
  0x180e, // Mongolian vowel separator (zero width)
  0x200b, 0x200c, // zero-width space, zero-width non-joiner
  0x200e, 0x200f, // left-to-right / right-to-left marks
  0x2028, 0x2029, // line / paragraph separators: some terminals break the line
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // bidi embeddings and overrides
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, // word joiner, invisible operators
  0x2066, 0x2067, 0x2068, 0x2069, // bidi isolates
  0x206a, 0x206b, 0x206c, 0x206d, 0x206e, 0x206f, // deprecated format characters
  0xfeff, // byte order mark / zero-width no-break space
  0xfff9, 0xfffa, 0xfffb, // interlinear annotation
]);

const ZWJ = 0x200d;
const BLACK_FLAG = 0x1f3f4; // starts the tag sequences of subdivision flags (🏴 England)
const CANCEL_TAG = 0xe007f;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;

function hex(cp: number, digits: number): string {
  return cp.toString(16).padStart(digits, '0');
}

/** The visible stand-in for a character we refuse to print. */
function visibleEscape(cp: number): string {
  if (CONTROL_NAMES[cp] !== undefined) return CONTROL_NAMES[cp];
  if (cp <= 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\u{${hex(cp, 1)}}`;
}

function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

// Left side of a legitimate ZWJ: a pictograph, possibly followed by a skin-tone modifier or a
// variation selector (👩🏽‍💻, 🏳️‍🌈).
function emojiEndsAt(cps: string[], i: number): boolean {
  let j = i;
  while (j >= 0) {
    const c = cps[j];
    if (c === '\ufe0f' || EMOJI_MODIFIER.test(c)) j--;
    else return PICTOGRAPHIC.test(c);
  }
  return false;
}

// U+1F3F4 + 2..6 tag letters/digits + CANCEL TAG is a subdivision flag (Scotland: 1F3F4 E0067
// E0062 E0073 E0063 E0074 E007F). Returns the index of the cancel tag when a valid one starts at
// i, else -1. Anything looser would let tags hide text.
function flagSequenceEnd(cps: string[], i: number): number {
  let j = i + 1;
  while (j < cps.length && j - i <= 6) {
    const cp = cps[j].codePointAt(0) ?? 0;
    if ((cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a)) j++;
    else break;
  }
  const tags = j - i - 1;
  return tags >= 2 && j < cps.length && cps[j].codePointAt(0) === CANCEL_TAG ? j : -1;
}

/** Make untrusted text safe to write to a terminal; see the file comment for what changes. */
/** Printable ASCII: safe as it is, one column per character (the common case, on every frame). */
const PLAIN = /^[\x20-\x7e]*$/;

export function sanitize(s: string): string {
  if (PLAIN.test(s)) return s;
  // Array.from splits by code point and yields lone surrogates as single units.
  const cps = Array.from(s);
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i];
    const cp = ch.codePointAt(0) ?? 0;

    if (cp === BLACK_FLAG) {
      const end = flagSequenceEnd(cps, i);
      if (end !== -1) {
        out += cps.slice(i, end + 1).join('');
        i = end;
        continue;
      }
    }

    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      // C0, DEL and C1 (incl. 8-bit CSI 0x9b / OSC 0x9d). Replacing ESC alone is enough to defuse
      // a whole sequence: its remainder (`[2J`, `]0;title`) then prints as plain text.
      out += visibleEscape(cp);
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\ufffd'; // lone surrogate: cannot be encoded as UTF-8 at all
    } else if (cp === ZWJ) {
      const joinsEmoji = emojiEndsAt(cps, i - 1) && i + 1 < cps.length && PICTOGRAPHIC.test(cps[i + 1]);
      out += joinsEmoji ? ch : visibleEscape(cp);
    } else if (HIDDEN.has(cp) || isTag(cp)) {
      // Tags outside a flag are invisible text ("ASCII smuggling").
      out += visibleEscape(cp);
    } else {
      out += ch;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Width. An approximation of what terminals do (wcwidth plus grapheme clusters, like the
// string-width package Ink uses for layout, so our columns agree with Ink's):
// - a grapheme cluster (Intl.Segmenter, available in every Node >= 20 build with ICU) is measured
//   by its first non-zero-width code point, so combining marks and Hangul jamo vowels add nothing;
// - emoji clusters (emoji presentation, FE0F, keycaps, ZWJ sequences, skin tones) are 2 columns,
//   although older terminals draw a ZWJ family as several glyphs;
// - East Asian Wide / Fullwidth ranges are 2; ambiguous-width characters count 1;
// - control characters count 0: sanitize first, then measure.

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;

// East Asian Wide (W) and Fullwidth (F) blocks, not counting emoji (handled by property above).
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4], // ideographic symbols
  [0x17000, 0x18cff], // Tangut, Khitan
  [0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK extensions B..F
  [0x30000, 0x3fffd], // CJK extension G and later
];

function isWide(cp: number): boolean {
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp < lo) return false; // ranges are sorted
    if (cp <= hi) return true;
  }
  return false;
}

function codePointWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 0;
  if (cp >= 0x1160 && cp <= 0x11ff) return 0; // Hangul jamo vowels/finals join the syllable
  if (ZERO_WIDTH.test(ch)) return 0;
  if (EMOJI_PRESENTATION.test(ch) || isWide(cp)) return 2;
  return 1;
}

/** Grapheme clusters: never split a surrogate pair, a base from its marks, or an emoji sequence. */
export function graphemes(s: string): string[] {
  return Array.from(SEGMENTER.segment(s), (g) => g.segment);
}

function clusterWidth(cluster: string): number {
  // Many terminals (tmux among them) draw a ZWJ sequence as its parts side by side: 👩🏽‍💻 takes 4
  // columns there, 2 in others. Counting the parts is the safe bound: a row may end a little short,
  // but it never wraps and scrolls the screen.
  if (cluster.includes('\u200d')) {
    return cluster.split('\u200d').reduce((sum, part) => sum + (part ? clusterWidthOne(part) : 0), 0);
  }
  return clusterWidthOne(cluster);
}

function clusterWidthOne(cluster: string): number {
  const cps = Array.from(cluster);
  const base = cps.find((c) => codePointWidth(c) > 0);
  if (base === undefined) return 0;
  if (cps.length > 1 && PICTOGRAPHIC.test(base)) {
    // ☺︎ vs ☺️: FE0F asks for emoji presentation; ZWJ and skin tones only occur in emoji.
    if (cps.some((c) => c === '\ufe0f' || c === '\u200d' || EMOJI_MODIFIER.test(c))) return 2;
  }
  if (cps.includes('\u20e3')) return 2; // keycap 1️⃣
  return codePointWidth(base);
}

/** Terminal columns the string occupies (see the approximations above). */
export function stringWidth(s: string): number {
  if (PLAIN.test(s)) return s.length;
  let width = 0;
  for (const g of graphemes(s)) width += clusterWidth(g);
  return width;
}

const ELLIPSIS = '…';

/**
 * Cut to at most `width` columns, marking the cut with `…`. `middle` keeps both ends, which is
 * what matters in long keys (`logs/2026/…/part-0001.gz`). Cuts fall between grapheme clusters.
 */
export function truncate(s: string, width: number, where: 'end' | 'middle' = 'end'): string {
  const max = Number.isFinite(width) ? Math.floor(width) : 0;
  if (max <= 0) return '';
  if (PLAIN.test(s)) {
    if (s.length <= max) return s;
    if (where !== 'middle') return s.slice(0, max - 1) + ELLIPSIS;
    const head = Math.ceil((max - 1) / 2);
    return s.slice(0, head) + ELLIPSIS + s.slice(s.length - (max - 1 - head));
  }
  const clusters = graphemes(s).map((g) => ({ g, w: clusterWidth(g) }));
  const total = clusters.reduce((sum, c) => sum + c.w, 0);
  if (total <= max) return s;

  const budget = max - 1; // the ellipsis takes one column
  const headBudget = where === 'middle' ? Math.ceil(budget / 2) : budget;
  let head = '';
  let used = 0;
  let i = 0;
  // Stop at the first cluster that does not fit, rather than skipping a wide one and taking
  // later narrow ones: the result must be a prefix.
  for (; i < clusters.length && used + clusters[i].w <= headBudget; i++) {
    head += clusters[i].g;
    used += clusters[i].w;
  }
  if (where !== 'middle') return head + ELLIPSIS;

  let tail = '';
  // The tail gets whatever the head left unused, e.g. when a wide character did not fit.
  for (let j = clusters.length - 1; j >= i && used + clusters[j].w <= budget; j--) {
    tail = clusters[j].g + tail;
    used += clusters[j].w;
  }
  return head + ELLIPSIS + tail;
}

/** Pad with spaces to exactly `width` columns, truncating (with `…`) when longer. */
export function padEnd(s: string, width: number): string {
  const max = Number.isFinite(width) ? Math.max(0, Math.floor(width)) : 0;
  const fitted = stringWidth(s) > max ? truncate(s, max) : s;
  return fitted + ' '.repeat(Math.max(0, max - stringWidth(fitted)));
}
