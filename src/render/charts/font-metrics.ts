// Text widths from the bundled DejaVu Sans (regular and bold), read from the TTF's cmap and
// hmtx tables. Vega in Node has no canvas and estimates every character at 0.8 em, so a PNG's
// layout came out up to 40% wider than the glyphs resvg draws; with these metrics the PNG is
// laid out as Chromium lays out the same spec with the same font. Label shortening uses them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface Face {
  readonly unitsPerEm: number;
  /** Advance width in font units by code point (BMP). */
  readonly advance: Map<number, number>;
  readonly fallback: number;
}

function parseFace(buf: Buffer): Face {
  const tables = new Map<string, number>();
  const n = buf.readUInt16BE(4);
  for (let i = 0; i < n; i++) tables.set(buf.toString("latin1", 12 + i * 16, 16 + i * 16), buf.readUInt32BE(20 + i * 16));
  const head = tables.get("head")!;
  const hhea = tables.get("hhea")!;
  const hmtx = tables.get("hmtx")!;
  const cmap = tables.get("cmap")!;
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const metrics = buf.readUInt16BE(hhea + 34);
  const glyphAdvance = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, metrics - 1));
  // The Windows Unicode BMP subtable, format 4.
  let sub = -1;
  for (let i = 0, k = buf.readUInt16BE(cmap + 2); i < k; i++) {
    const rec = cmap + 4 + i * 8;
    if (buf.readUInt16BE(rec) === 3 && buf.readUInt16BE(rec + 2) === 1) sub = cmap + buf.readUInt32BE(rec + 4);
  }
  const advance = new Map<number, number>();
  if (sub >= 0 && buf.readUInt16BE(sub) === 4) {
    const segs = buf.readUInt16BE(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const offsets = deltas + segs * 2;
    for (let s = 0; s < segs; s++) {
      const end = buf.readUInt16BE(ends + s * 2);
      const start = buf.readUInt16BE(starts + s * 2);
      const delta = buf.readInt16BE(deltas + s * 2);
      const ro = buf.readUInt16BE(offsets + s * 2);
      // Only the characters labels use: Latin-1 and general punctuation (…, ·, →, =).
      for (let c = start; c <= end && c <= 0x2200; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const at = offsets + s * 2 + ro + (c - start) * 2;
          g = buf.readUInt16BE(at);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) advance.set(c, glyphAdvance(g));
      }
    }
  }
  return { unitsPerEm, advance, fallback: glyphAdvance(0) };
}

let faces: { regular: Face; bold: Face } | undefined;

export function fontFile(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", name);
}

function loadFaces(): { regular: Face; bold: Face } {
  faces ??= { regular: parseFace(readFileSync(fontFile("DejaVuSans.ttf"))), bold: parseFace(readFileSync(fontFile("DejaVuSans-Bold.ttf"))) };
  return faces;
}

/** Width of one line of text in pixels, in DejaVu Sans at `fontSize`. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const f = bold ? loadFaces().bold : loadFaces().regular;
  let units = 0;
  for (const ch of text) units += f.advance.get(ch.codePointAt(0)!) ?? f.fallback;
  return (units / f.unitsPerEm) * fontSize;
}
