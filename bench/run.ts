// Runs every benchmark on built JavaScript (`npm run bench`) and prints one line per figure:
// `BENCH <name> <value> <unit>`. Each bench module exports `bench()`; add one import and one
// entry below per module.
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

type BenchModule = { bench: () => Promise<BenchFigure[]> };

const modules: Array<[string, () => Promise<BenchModule>]> = [
  ["parse", () => import("./parse.js")],
  ["sim", () => import("./sim.js")],
  ["scale", () => import("./scale.js")],
  ["cli", () => import("./cli.js")],
  ["kernel", () => import("./kernel.js")],
  ["charts", () => import("./charts.js")],
  ["vmalloc", () => import("./vmalloc.js")],
  ["sweep", () => import("./sweep.js")],
];

const only = process.argv.slice(2);
for (const [name, load] of modules) {
  if (only.length > 0 && !only.includes(name)) continue;
  const mod = await load();
  for (const f of await mod.bench()) {
    const v = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(2);
    console.log(`BENCH ${f.name} ${v} ${f.unit}`);
  }
}
