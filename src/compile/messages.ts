// Notes of the compile stage: choices the compiler made, carried into the result. (The
// compiler refuses nothing: every refusal is a checker diagnostic, src/lang/messages.ts.)

/** Notes about choices the compiler made, carried into the result. */
export const compileNotes = {
  aliasOverride: (version: string, start: string) =>
    `The kernel alias starts at ${start}, not at ${version}'s own ${start === "_text" ? "_stext" : "_text"}: ${start === "_text" ? "5973a62efa34 (\"arm64: map [_text, _stext) virtual address range non-executable+read-only\") applied, as in 6.12.y/6.17.y after the Oct 2025 stable update" : "5973a62efa34 not applied, as on the v6.17 tag and the trees built on it (e.g. v6.17-rc3 with the BBML2 series)"} (domain.md §2.2).`,
  cpuWithoutMidr: () => "A CPU without a MIDR is assumed to have FEAT_E0PD and CSV3: it needs no KPTI.",
} as const;
