// The connection file Jupyter hands a kernel: where to bind the five sockets and the key.
import { readFileSync } from "node:fs";

export interface ConnectionInfo {
  readonly transport: string;
  readonly ip: string;
  readonly shell_port: number;
  readonly control_port: number;
  readonly iopub_port: number;
  readonly stdin_port: number;
  readonly hb_port: number;
  readonly key: string;
  readonly signature_scheme: string;
}

export function readConnectionFile(path: string): ConnectionInfo {
  const raw = JSON.parse(readFileSync(path, "utf8")) as Partial<ConnectionInfo>;
  for (const k of ["ip", "shell_port", "control_port", "iopub_port", "stdin_port", "hb_port"] as const) {
    if (raw[k] === undefined) throw new Error(`connection file ${path} lacks ${k}`);
  }
  return {
    transport: raw.transport ?? "tcp",
    ip: raw.ip!,
    shell_port: raw.shell_port!,
    control_port: raw.control_port!,
    iopub_port: raw.iopub_port!,
    stdin_port: raw.stdin_port!,
    hb_port: raw.hb_port!,
    key: raw.key ?? "",
    signature_scheme: raw.signature_scheme ?? "hmac-sha256",
  };
}

export function endpoint(c: ConnectionInfo, port: number): string {
  return c.transport === "ipc" ? `ipc://${c.ip}-${port}` : `tcp://${c.ip}:${port}`;
}
