// Every message the `linmap` command prints on its own account (diagnostics and results
// have their own catalogues in their stages).

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  ENOTDIR: "a component of the path is not a directory",
  EEXIST: "a temporary file of that name exists",
};

function reason(e: unknown): string {
  const code = e && typeof e === "object" && "code" in e ? String(e.code) : undefined;
  if (code && REASONS[code]) return REASONS[code]!;
  return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}

export const cliMsg = {
  cannotRead: (file: string, e: unknown) => `linmap: cannot read ${file === "-" ? "standard input" : file}: ${reason(e)}`,
  cannotWrite: (file: string, e: unknown) => `linmap: cannot write ${file}: ${reason(e)}`,
  conflictingOptions: (a: string, b: string) => `linmap: ${a} cannot be used with ${b}`,
  badConnectionFile: (file: string, e: unknown) => `linmap: cannot use connection file ${file}: ${reason(e)}`,
  refusedUnder: (version: string, why: string) => `${version}: not run: ${why}`,
  moreDiagnostics: (n: number) => `linmap: ${n} more diagnostic${n === 1 ? "" : "s"} not shown`,
  internalError: (e: unknown) => `linmap: internal error: ${reason(e)} (this is a bug; LINMAP_DEBUG=1 shows the stack)`,
  notNotebook: (file: string, why: string) => `linmap: ${file} is not a Jupyter notebook (nbformat 4): ${why}`,
  tslabSkipped: (file: string) => `${file}: skipped: tslab notebook (run it with jupyter nbconvert --execute, or npm test)`,
  parsingStopped: (file: string, n: number) => `linmap: ${file}: parsing stopped after ${n} syntax errors`,
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
