// Machine and kernel image: granule, VA size, banks and holes with the defaults of
// src/catalog/defaults.ts, and the image symbols map_mem() and the repaint use. The layout
// is the one the checker validated (src/lang/check/layout.ts).
import type { ScenarioLayout } from "../lang/index.js";
import type { ProgramMachine } from "../sim/program.js";

export function compileMachine(layout: ScenarioLayout): ProgramMachine {
  const m = layout.machine;
  return { granule: m.granule, vaBits: m.vaBits, paBits: m.paBits, banks: m.banks, nomap: m.nomap, image: m.image };
}
