// The split steps of one call in order (split_pud, split_contpmd, ...), stored so that a
// repeated stretch is kept once: a 1 TiB vmalloc alias update makes 17 million steps, which
// are one worked-out subtree's steps repeated. Read back as a plain list when asked.

type Item = string | SplitLog;

export class SplitLog {
  private readonly items: Item[] = [];
  private count = 0;
  private flat: string[] | undefined;

  /** Steps so far. */
  get length(): number {
    return this.count;
  }

  push(op: string): void {
    this.items.push(op);
    this.count++;
    this.flat = undefined;
  }

  /** Appends every step of `sub` (kept by reference: `sub` must not change afterwards). */
  append(sub: SplitLog): void {
    if (sub.count === 0) return;
    this.items.push(sub);
    this.count += sub.count;
    this.flat = undefined;
  }

  /** A position to take the later steps from (since()). */
  mark(): number {
    return this.items.length;
  }

  /** The steps added after `mark`, as a log of their own. */
  since(mark: number): SplitLog {
    const out = new SplitLog();
    for (let i = mark; i < this.items.length; i++) {
      const x = this.items[i]!;
      if (typeof x === "string") out.push(x);
      else out.append(x);
    }
    return out;
  }

  /** The steps as a list (built once, then cached). */
  toArray(): string[] {
    if (this.flat) return this.flat;
    const out: string[] = [];
    const walk = (log: SplitLog): void => {
      for (const x of log.items) {
        if (typeof x === "string") out.push(x);
        else walk(x);
      }
    };
    walk(this);
    this.flat = out;
    return out;
  }
}
