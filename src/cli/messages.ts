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

// Catalogues (`linmap test`), streamed sweeps (`linmap run --format`), shards and `linmap merge`.
export const runnerMsg = {
  badJobs: (v: string) => `linmap: --jobs takes a whole number of threads, at least 1 (got '${v}')`,
  badShard: (v: string) => `linmap: --shard takes I/N, the I-th of N slices with 1 <= I <= N (got '${v}')`,
  badFormat: (v: string, formats: readonly string[]) => `linmap: unknown format '${v}' (formats: ${formats.join(", ")})`,
  sweepTooLargeForJson: (points: number, limit: number) => `linmap: this sweep has ${points} points; one JSON document holds at most ${limit}: stream the points with --format jsonl`,
  badSweepIndex: (v: string) => `linmap: --sweep takes the number of a sweep of the scenario, from 1 (got '${v}')`,
  noSweep: (file: string, n: number, count: number) =>
    count === 0 ? `linmap: ${file} has no sweep command to stream` : `linmap: ${file} has no sweep ${n} (it has ${count})`,
  // linmap merge
  mergeNeedsInput: () => "linmap: merge needs the output files of the shards of one run",
  mergeNotShard: (file: string) => `linmap: ${file} is not the output of a shard (no 'shard' in its header line)`,
  mergeMismatch: (file: string, field: string, first: string) => `linmap: ${file} is a shard of another run: its ${field} differs from that of ${first}`,
  mergeShardTwice: (shard: string, a: string, b: string) => `linmap: shard ${shard} is given twice (${a} and ${b})`,
  mergeShardMissing: (shards: readonly string[]) => `linmap: shard${shards.length === 1 ? "" : "s"} ${shards.join(", ")} missing`,
  mergeTruncated: (file: string, expected: number, got: number) => `linmap: ${file} is incomplete: ${got} of its ${expected} records`,
  mergeBadLine: (file: string, line: number) => `linmap: ${file}:${line}: not a line linmap writes`,
  shardsAreJsonl: () => "linmap: shards are written as JSON Lines (--format jsonl); linmap merge --format csv joins them into CSV",
  mergeMixed: () => "linmap: merge takes the shards of one kind of run: all sweeps (JSON Lines or CSV) or all catalogues (linmap test --json)",
  // linmap test
  noScenarios: (dir: string) => `linmap: no .linmap scenarios in ${dir}`,
  notADirectory: (dir: string) => `linmap: ${dir} is not a directory of scenarios`,
  cellPass: (passed: number, total: number) => (total === 0 ? "ok" : `pass ${passed}/${total}`),
  cellFail: (failure: string) => `FAIL ${failure}`,
  cellError: (error: string) => `error ${error}`,
  ownMark: () => "*",
  matrixLegend: () => "* the scenario's own kernel: its expectations must hold there; elsewhere they are recorded as outcomes",
  outcomeSame: () => "same",
  outcomeChanged: () => "CHANGED",
  outcomeMissing: () => "MISSING",
  outcomeUpdated: () => "updated",
  outcomeHead: () => "outcomes",
  scenarioHead: () => "scenario",
  expectedTitle: (file: string) => `# linmap test: the outcome of each call of ${file} under each kernel`,
  expectedHowTo: () => "# compared by `linmap test DIR`; rewritten by `linmap test DIR --update`",
  expectedProvenance: (hash: string, linmap: string) => `# scenario sha256 ${hash} · linmap ${linmap}`,
  ownFailure: (file: string, kernel: string, what: string) => `${file} under ${kernel}: ${what}`,
  expectedMissingHint: (file: string) => `${file}: no expected outcomes (run linmap test --update to record them)`,
  changedHeading: (file: string) => `${file}: outcomes changed (- expected, + now):`,
  testSummary: (scenarios: number, runs: number, failed: number, changed: number, missing: number) =>
    `${scenarios} scenario${scenarios === 1 ? "" : "s"}, ${runs} run${runs === 1 ? "" : "s"}: ${failed} with failed expectations or errors, ${changed} with changed outcomes, ${missing} without expected outcomes`,
  updatedSummary: (n: number) => `linmap: rewrote ${n} expected-outcome file${n === 1 ? "" : "s"}`,
} as const;
