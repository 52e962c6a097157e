// The Jupyter wire format (messaging protocol 5.3): frames
// [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...],
// HMAC-SHA256 signatures over the four JSON frames (none when the key is empty), and the
// header of a new message. Parsing never throws: a malformed message is reported, not raised.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export interface MessageHeader {
  readonly msg_id: string;
  readonly session: string;
  readonly username: string;
  readonly date: string;
  readonly msg_type: string;
  readonly version: string;
  readonly [key: string]: unknown;
}

export interface JupyterMessage {
  readonly identities: Buffer[];
  readonly header: MessageHeader;
  readonly parent_header: Partial<MessageHeader>;
  readonly metadata: Record<string, unknown>;
  readonly content: Record<string, unknown>;
  readonly buffers: Buffer[];
}

/** A parsed message with the signature it came with (for replay protection), or why it was dropped. */
export type ParseOutcome = { readonly ok: true; readonly message: JupyterMessage; readonly signature: string } | { readonly ok: false; readonly reason: string };

export class MessageSigner {
  private readonly key: Buffer;

  constructor(key: string, scheme = "hmac-sha256") {
    if (key !== "" && scheme !== "hmac-sha256") throw new Error(`unsupported signature_scheme ${scheme}`);
    this.key = Buffer.from(key, "utf8");
  }

  sign(frames: readonly Buffer[]): string {
    if (this.key.length === 0) return "";
    const h = createHmac("sha256", this.key);
    for (const f of frames) h.update(f);
    return h.digest("hex");
  }

  /** Constant-time check; an empty key accepts any signature. */
  verify(signature: Buffer, frames: readonly Buffer[]): boolean {
    if (this.key.length === 0) return true;
    const expected = Buffer.from(this.sign(frames), "utf8");
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

function parseJson(frame: Buffer | undefined, what: string): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  if (!frame) return { ok: false, reason: `missing ${what} frame` };
  try {
    const value: unknown = JSON.parse(frame.toString("utf8"));
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, reason: `${what} is not a JSON object` };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, reason: `${what} is not valid JSON` };
  }
}

/** Splits, verifies and decodes one multipart message. */
export function parseMessage(frames: readonly Buffer[], signer: MessageSigner): ParseOutcome {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (at < 0) return { ok: false, reason: "no <IDS|MSG> delimiter" };
  const [signature, header, parent, metadata, content] = frames.slice(at + 1, at + 6);
  if (!signature || !header || !parent || !metadata || !content) return { ok: false, reason: "fewer than five frames after the delimiter" };
  if (!signer.verify(signature, [header, parent, metadata, content])) return { ok: false, reason: "bad signature" };
  const h = parseJson(header, "header");
  if (!h.ok) return h;
  if (typeof h.value["msg_type"] !== "string" || typeof h.value["msg_id"] !== "string") return { ok: false, reason: "header lacks msg_type or msg_id" };
  const p = parseJson(parent, "parent_header");
  const m = parseJson(metadata, "metadata");
  const c = parseJson(content, "content");
  if (!p.ok) return p;
  if (!m.ok) return m;
  if (!c.ok) return c;
  return {
    ok: true,
    signature: signature.toString("latin1"),
    message: {
      identities: frames.slice(0, at).map((f) => Buffer.from(f)),
      header: h.value as unknown as MessageHeader,
      parent_header: p.value as Partial<MessageHeader>,
      metadata: m.value,
      content: c.value,
      buffers: frames.slice(at + 6).map((f) => Buffer.from(f)),
    },
  };
}

export function newHeader(msgType: string, session: string): MessageHeader {
  return { msg_id: randomUUID(), session, username: "kernel", date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** The frames of a message, signed. */
export function serializeMessage(
  signer: MessageSigner,
  identities: readonly Buffer[],
  header: MessageHeader,
  parent: Partial<MessageHeader>,
  metadata: Record<string, unknown>,
  content: Record<string, unknown>,
): Buffer[] {
  const parts = [header, parent, metadata, content].map((x) => Buffer.from(JSON.stringify(x), "utf8"));
  return [...identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts), "utf8"), ...parts];
}
