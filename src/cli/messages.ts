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
} as const;
