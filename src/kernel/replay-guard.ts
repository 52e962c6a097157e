// Replay protection, as ipykernel has it: a signed message is accepted once. A peer that
// captured a message (the key never leaves the connection file, but the frames cross the
// network in clear) could otherwise send it again and have the cell run twice. The kernel
// remembers the signatures of the last DIGEST_HISTORY messages; older ones are forgotten,
// oldest first, so memory stays bounded however long the kernel lives.

/** ipykernel's digest_history_size. */
export const DIGEST_HISTORY = 2 ** 16;

export class ReplayGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = DIGEST_HISTORY) {}

  /** True the first time a signature is offered; false for a replay. Empty signatures (no key) always pass. */
  admit(signature: string): boolean {
    if (signature === "") return true;
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    // A Set iterates in insertion order: its first element is the oldest.
    if (this.seen.size > this.limit) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}
