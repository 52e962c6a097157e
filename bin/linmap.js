#!/usr/bin/env node
// The `linmap` command: runs the built CLI (npm install builds it through `prepare`).
// Node's compile cache (on disk, in the OS temporary directory) saves re-compiling the CLI's
// modules on every start.
import module from "node:module";

module.enableCompileCache?.();
const { main } = await import("../dist/src/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
