// Machine and kernel image: granule, VA size, banks and holes with the defaults of
// src/catalog/defaults.ts, and the image symbols map_mem() and the repaint use.
import type * as A from "../lang/ast.js";
import { DEFAULT_GRANULE, DEFAULT_IMAGE, DEFAULT_IMAGE_OFFSET, DEFAULT_MEMORY, DEFAULT_PA_BITS, DEFAULT_VA_BITS, GRANULES, type GranuleName } from "../catalog/index.js";
import type { ProgramMachine } from "../sim/program.js";
import { lastBlock, regionBounds } from "./scenario-parts.js";

const SZ_64K = 64n * 1024n;

export function compileMachine(ast: A.Scenario): ProgramMachine {
  const m = lastBlock(ast, "machine");
  const st = m?.statements ?? [];
  const granuleStmt = st.find((s): s is Extract<A.MachineStatement, { kind: "granule" }> => s.kind === "granule");
  const granule: GranuleName = (granuleStmt && GRANULES.find((g) => g.pageSize === granuleStmt.size.value)?.name) || DEFAULT_GRANULE;
  const vaStmt = st.find((s): s is Extract<A.MachineStatement, { kind: "va-bits" }> => s.kind === "va-bits");
  const vaBits = vaStmt ? Number(vaStmt.bits.value) : DEFAULT_VA_BITS;
  const paStmt = st.find((s): s is Extract<A.MachineStatement, { kind: "pa-bits" }> => s.kind === "pa-bits");
  const paBits = paStmt ? Number(paStmt.bits.value) : DEFAULT_PA_BITS;
  const memory = st.filter((s): s is Extract<A.MachineStatement, { kind: "memory" }> => s.kind === "memory").map((s) => regionBounds(s.region));
  const banks = (memory.length > 0 ? memory : DEFAULT_MEMORY.map((b) => ({ start: b.base, end: b.base + b.size }))).sort((a, b) => (a.start < b.start ? -1 : 1));
  const nomap = st.filter((s): s is Extract<A.MachineStatement, { kind: "nomap" }> => s.kind === "nomap").map((s) => regionBounds(s.region));
  const img = st.find((s): s is Extract<A.MachineStatement, { kind: "image" }> => s.kind === "image");
  const text = img?.at?.value ?? banks[0]!.start + DEFAULT_IMAGE_OFFSET;
  const textSize = img?.text?.value ?? DEFAULT_IMAGE.text;
  const initSize = img?.init?.value ?? DEFAULT_IMAGE.init;
  const dataSize = img?.data?.value ?? DEFAULT_IMAGE.data;
  const initBegin = text + textSize;
  const initEnd = initBegin + initSize;
  return {
    granule,
    vaBits,
    paBits,
    banks,
    nomap,
    // _stext is _text plus the 64-byte image header rounded up to SEGMENT_ALIGN (64 KiB).
    image: { text, stext: text + SZ_64K, initBegin, initEnd, bssStop: initEnd + dataSize },
  };
}
