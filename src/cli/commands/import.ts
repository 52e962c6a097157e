// placeholder, filled in by the import step
import type { Command } from "commander";
import type { SetStatus } from "./index.js";
export function register(_program: Command, _setStatus: SetStatus): void {}
