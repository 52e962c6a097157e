// `--shard I/N`: the I-th of N deterministic, contiguous slices of a list of tasks (I from 1),
// so that shards joined in order are the whole run.
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `2/8` → { index: 2, count: 8 }; undefined when the text is not `I/N` with 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The shard's tasks [first, end) of `total`. */
export function shardSlice(total: number, shard: Shard | undefined): { first: number; end: number } {
  if (!shard) return { first: 0, end: total };
  const at = (i: number) => Math.floor((total * i) / shard.count);
  return { first: at(shard.index - 1), end: at(shard.index) };
}

export function shardText(s: Shard): string {
  return `${s.index}/${s.count}`;
}
