// The .ipynb format as far as linmap needs it: read cells, write outputs back, and turn the
// kernel session's outputs into nbformat outputs.
import { readFileSync, writeFileSync } from "node:fs";
import type { CellOutput } from "../kernel/notebook-session.js";

export interface NotebookOutput {
  readonly output_type: "stream" | "display_data" | "execute_result" | "error";
  readonly [key: string]: unknown;
}

export interface NotebookCell {
  readonly cell_type: "code" | "markdown" | "raw";
  readonly id?: string;
  readonly source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

export function writeNotebook(path: string, nb: Notebook): void {
  writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
}

export function cellSource(c: NotebookCell): string {
  return Array.isArray(c.source) ? c.source.join("") : c.source;
}

/** nbformat outputs for what a cell produced; display updates are applied, as front ends do. */
export function toNotebookOutputs(outputs: readonly CellOutput[], count: number): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  const displays = new Map<string, number>();
  for (const o of outputs) {
    switch (o.kind) {
      case "stream": {
        const last = out[out.length - 1];
        if (last?.output_type === "stream" && last["name"] === o.name) out[out.length - 1] = { ...last, text: `${String(last["text"])}${o.text}` };
        else out.push({ output_type: "stream", name: o.name, text: o.text });
        break;
      }
      case "display":
        if (o.displayId) displays.set(o.displayId, out.length);
        out.push({ output_type: "display_data", data: o.data, metadata: {} });
        break;
      case "update": {
        const at = displays.get(o.displayId);
        if (at !== undefined) out[at] = { output_type: "display_data", data: o.data, metadata: {} };
        break;
      }
      case "result":
        out.push({ output_type: "execute_result", data: o.data, metadata: {}, execution_count: count });
        break;
      case "clear":
        out.length = 0;
        break;
      case "page":
        out.push({ output_type: "display_data", data: o.data, metadata: {} });
        break;
    }
  }
  return out;
}
