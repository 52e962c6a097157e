// Suite: the README's commands work as written, from a clean clone. The committed checkout
// is cloned into a temporary directory, `npm install` runs there, and every `npx linmap ...`
// command the README shows (in its shell blocks and its command table) runs in the clone
// and must exit as the README says. Commands that open a browser or change the user's
// Jupyter setup run in a form that does not (`kernel install --prefix` a temporary prefix);
// `npm test` itself is not run again. Placeholders (FILE, V, ...) get a bundled example.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE = "grammar/examples/valid/realm-its.linmap";

/** The README's commands: `npx linmap ...` lines of shell blocks and table rows, and `npm start`. */
export function readmeCommands(readme) {
  const commands = [];
  let inShell = false;
  for (const line of readme.split("\n")) {
    if (line.startsWith("```")) {
      inShell = line === "```sh";
      continue;
    }
    if (inShell) {
      const cmd = line.replace(/\s+#.*$/, "").trim();
      if (cmd.startsWith("npx linmap") || cmd.startsWith("npm install && npm start")) commands.push(cmd);
      continue;
    }
    const row = /^\| `(npx linmap [^`]+)` \|.*\| ([^|]+) \|$/.exec(line);
    if (row) commands.push(row[1]);
    const inline = line.match(/`(npx linmap (?:run|compare|check) [^`]+)`/g);
    if (inline && !row) for (const m of inline) commands.push(m.slice(1, -1));
  }
  return [...new Set(commands)];
}

/** A command as it can run unattended in the clone, or undefined to skip it (with why). */
function runnable(cmd, prefix) {
  if (cmd.startsWith("npm install && npm start")) return { cmd: "npm start", status: 0 };
  let c = cmd
    .replace(/\[[^\]]*\]/g, "")
    .replace(/FILE\.\.\./g, EXAMPLE)
    .replace(/\bFILE\b/g, EXAMPLE)
    .replace(/--policies v7\.0,v7\.1\[,\.\.\.\]/, "--policies v7.0,v7.1")
    .replace(/\s+/g, " ")
    .trim();
  // The real-machine and catalogue commands, on the repository's own inputs.
  const SWEEP = "docs/sharding/its-sweep.linmap";
  c = c
    .replace(/import dmesg LOG/, "import dmesg test/fixtures/dmesg/qemu-virt-syzbot-6.5.txt")
    .replace(/diff ptdump REAL SCENARIO/, "diff ptdump test/fixtures/realdata/03_ptdump_qemu_1g_rodata_full_kpti.txt test/realdata/qemu-1g-rodata-full-kpti.linmap")
    .replace(/linmap test DIR/, "linmap test grammar/examples/valid");
  if (/--format jsonl\\\|csv/.test(c)) c = c.replace(EXAMPLE, SWEEP).replace(/jsonl\\\|csv/, "jsonl");
  // `linmap sweep` needs a scenario with a sweep.
  if (/linmap sweep /.test(c)) c = c.replace(EXAMPLE, SWEEP);
  if (/linmap merge SHARD\.\.\./.test(c)) {
    const shard = (i) => `npx linmap run ${SWEEP} --format jsonl --shard ${i}/2 > shard-${i}.jsonl`;
    c = `${shard(1)} && ${shard(2)} && npx linmap merge shard-1.jsonl shard-2.jsonl`;
  }
  if (/kernel (install|uninstall)/.test(c)) c = `${c.replace(/ --tslab| --sys| --user/g, "")} --prefix ${prefix}`;
  if (/kernel uninstall/.test(c)) return { cmd: c, status: 0 };
  // `run` exits 1 when an expectation fails: the README's scenario expects -EINVAL on v7.0.
  return { cmd: c, status: 0 };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), "linmap-readme-"));
  const prefix = join(dir, "jupyter-prefix");
  const clone = join(dir, "linmap");
  let passed = 0;
  let failed = 0;
  // A streamed sweep prints thousands of records: more than spawnSync's default 1 MiB buffer.
  const sh = (cmd, cwd) => spawnSync("sh", ["-c", cmd], { cwd, encoding: "utf8", maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: "1" } });
  const git = sh(`git clone --quiet "${root}" "${clone}"`, dir);
  if (git.status !== 0) {
    console.error(`readme-commands: git clone failed: ${git.stderr}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const install = sh("npm install --no-audit --no-fund --prefer-offline", clone);
  if (install.status !== 0) {
    console.error(`readme-commands: npm install failed in the clone:\n${install.stderr}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const readme = readFileSync(join(clone, "README.md"), "utf8");
  // The scenario the README shows and runs as `scenario.linmap`.
  const scenario = /## A scenario\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  if (scenario) writeFileSync(join(clone, "scenario.linmap"), scenario);
  const commands = readmeCommands(readme);
  // Install before uninstall, whatever order the README gives them in.
  commands.sort((a, b) => Number(/uninstall/.test(a)) - Number(/uninstall/.test(b)));
  for (const readmeCmd of commands) {
    const r = runnable(readmeCmd, prefix);
    const out = sh(r.cmd, clone);
    if (out.status === r.status) {
      console.log(`readme: ok (exit ${out.status}): ${r.cmd}`);
      passed++;
    } else {
      console.error(`readme: FAILED (exit ${out.status}, expected ${r.status}): ${r.cmd}\n${(out.stderr || out.stdout).split("\n").slice(0, 8).join("\n")}`);
      failed++;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { passed, failed, skipped: 0 };
}
