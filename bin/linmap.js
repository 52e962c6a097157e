#!/usr/bin/env node
// The `linmap` command: runs the built CLI (npm install builds it through `prepare`).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
