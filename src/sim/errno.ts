// Return codes as the kernel spells them.
import { ERRNOS } from "../catalog/index.js";

export function errnoName(rc: number): string {
  if (rc === 0) return "0";
  return ERRNOS.find((e) => e.value === rc)?.name ?? String(rc);
}

export function errnoValue(name: string): number | undefined {
  if (name === "0") return 0;
  return ERRNOS.find((e) => e.name === name)?.value;
}
