// Every message the `linmap` command prints on its own account (diagnostics and results
// have their own catalogues in their stages).

function reason(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && e.code === "ENOENT") return "no such file";
  if (e && typeof e === "object" && "code" in e && e.code === "EISDIR") return "is a directory";
  return e instanceof Error ? e.message : String(e);
}

export const cliMsg = {
  cannotRead: (file: string, e: unknown) => `linmap: cannot read ${file}: ${reason(e)}`,
  checkSummary: (files: number, errors: number, warnings: number) =>
    `${files} file${files === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  fmtRefused: (file: string) => `linmap: ${file} has syntax errors; not formatted`,
  unknownVersion: (v: string) => `linmap: unknown kernel version '${v}' (see grammar/README.md for the list)`,
  unknownView: (v: string, views: readonly string[]) => `linmap: unknown view '${v}' (views: ${views.join(", ")})`,
  compareNeedsTwo: () => "linmap: compare needs at least two kernels: --policies v7.0,v7.1 or a compare command in the scenario",
  kernelInstalled: (dir: string) => `installed a kernelspec in ${dir}`,
  kernelRemoved: (dir: string) => `removed ${dir}`,
  kernelNotInstalled: () => "linmap: no linmap kernelspec there",
  reportWritten: (out: string) => `linmap: wrote ${out}`,
  chartsInHtml: () => "charts are drawn in notebooks and in --html reports",
  badChartWidth: (text: string, min: number) => `linmap: --chart-width wants a whole number of pixels, at least ${min}; got "${text}"`,
  notebookCellError: (file: string, count: number, ename: string, evalue: string) => `${file}: In[${count}]: ${ename}: ${evalue}`,
  notebookOutputChanged: (file: string, count: number) => `${file}: In[${count}]: output differs from the stored one`,
  notebookSummary: (file: string, cells: number, errors: number, changed: number) =>
    `${file}: ${cells} cells run, ${errors} error${errors === 1 ? "" : "s"}, ${changed} changed output${changed === 1 ? "" : "s"}`,
  notLinmapNotebook: (file: string, kernel: string) => `linmap: ${file} runs on the '${kernel}' kernel; run it with jupyter nbconvert --execute`,
} as const;
