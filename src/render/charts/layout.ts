// The width budget every chart keeps: at most 900 px by default (a notebook's output area is
// 978 px wide in Notebook 7 and JupyterLab, narrower in VS Code), with a fixed column for row
// labels so that concatenated panels line up and no label is cut, and legends below the plot
// where they never push the chart wider.
import { measureText } from "./font-metrics.js";

export const DEFAULT_WIDTH = 900;
export const MIN_WIDTH = 480;
/** The row-label column (call names, lanes): two lines, each shortened to fit. */
export const LABEL_PX = 200;
/** Room for Vega's padding and a flush last tick label. */
const SLACK_PX = 24;

export interface ChartOptions {
  /** The whole chart's width in pixels (default 900). */
  readonly width?: number;
}

export function totalWidth(opts: ChartOptions | undefined): number {
  const w = Math.round(opts?.width ?? DEFAULT_WIDTH);
  return Math.max(MIN_WIDTH, w);
}

/** Plot width left after the label column. */
export function plotWidth(total: number): number {
  return total - LABEL_PX - SLACK_PX;
}

/** Legend columns that fit beside the label column (an entry is up to ~250 px). */
export function legendColumns(total: number): number {
  return Math.max(1, Math.floor((total - LABEL_PX) / 260));
}

/** Shared config: legends at the bottom, labels never truncated by Vega (we shorten them). */
export function baseConfig(total: number): Record<string, unknown> {
  return {
    // Several legends at the bottom stack vertically (side by side they would widen the chart);
    // VL types `layout` as an expression, so the object is written as one.
    legend: { orient: "bottom", direction: "vertical", columns: legendColumns(total), labelLimit: 0, titleLimit: 0, symbolLimit: 0, layout: { expr: "{bottom: {anchor: 'start', direction: 'vertical', margin: 10}}" } },
    axis: { labelLimit: 0, titleLimit: 0 },
    axisY: { minExtent: LABEL_PX - 10, maxExtent: LABEL_PX - 10 },
    title: { anchor: "start", limit: 0, subtitleFontSize: 11 },
    concat: { spacing: 16 },
  };
}

/** Width of `text` in pixels at `fontSize` in DejaVu Sans (the PNG's font, Chromium's sans-serif here). */
export function textWidth(text: string, fontSize: number): number {
  return measureText(text, fontSize);
}

/** The widest a row label's line may be (10 px font) inside the label column. */
export const LABEL_LINE_PX = LABEL_PX - 22;

/** Shortens a label to fit `maxPx` at 10 px with an ellipsis (the tooltip carries the full text). */
export function abbreviate(text: string, maxPx = LABEL_LINE_PX): string {
  if (textWidth(text, 10) <= maxPx) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, 10) > maxPx) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** A two-line row label ("call\ntarget"), each line shortened; the axis splits at "\n". */
export function twoLines(first: string, second: string): string {
  return second ? `${abbreviate(first)}\n${abbreviate(second)}` : abbreviate(first);
}

/** labelExpr that draws a "\n" label as two lines. */
export const MULTILINE_LABEL = "split(datum.label, '\\n')";

/** Breaks text into lines of at most `max` characters at spaces (titles never get cut). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A title with subtitle lines, wrapped to the width (13 px title, 11 px subtitle). */
export function chartTitle(text: string, subtitle: readonly string[], total: number): Record<string, unknown> {
  const t = wrap(text, Math.floor(total / 8));
  const sub = subtitle.flatMap((s) => wrap(s, Math.floor(total / 6.6)));
  return sub.length > 0 ? { text: t, subtitle: sub } : { text: t };
}
