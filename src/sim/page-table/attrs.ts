// Attributes of one linear-map leaf entry as an immutable, interned record, so that equality
// of attributes is object identity and runs of identical entries compare in O(1).

export type MemType = "NORMAL" | "NORMAL_TAGGED";

export interface LeafAttrs {
  /** PTE_VALID. */
  readonly valid: boolean;
  /** PTE_PRESENT_INVALID: not valid for the MMU but still "present" for the kernel (§3.2). */
  readonly presentInvalid: boolean;
  /** PTE_RDONLY. */
  readonly ro: boolean;
  readonly pxn: boolean;
  readonly uxn: boolean;
  /** PTE_AF. */
  readonly af: boolean;
  /** PTE_SHARED (inner shareable). */
  readonly shd: boolean;
  readonly ng: boolean;
  /** PTE_CONT / PMD_SECT_CONT. */
  readonly cont: boolean;
  readonly memType: MemType;
  /** PROT_NS_SHARED: realm memory decrypted (shared with the host). */
  readonly nsShared: boolean;
}

export type AttrFlag = Exclude<keyof LeafAttrs, "memType">;

export const ATTR_FLAGS: readonly AttrFlag[] = [
  "valid",
  "presentInvalid",
  "ro",
  "pxn",
  "uxn",
  "af",
  "shd",
  "ng",
  "cont",
  "nsShared",
];

/**
 * A set or clear mask for `updateRangeProt`: every flag given as true is set (set mask) or
 * cleared (clear mask); `memType`, meaningful in a set mask only, replaces the memory type.
 */
export type ProtMask = { readonly [F in AttrFlag]?: boolean } & { readonly memType?: MemType };

const interned = new Map<string, LeafAttrs>();

function keyOf(a: LeafAttrs): string {
  let k = a.memType === "NORMAL" ? "N" : "T";
  for (const f of ATTR_FLAGS) k += a[f] ? "1" : "0";
  return k;
}

/** The canonical (frozen, shared) record for these attribute values. */
export function leafAttrs(a: LeafAttrs): LeafAttrs {
  const key = keyOf(a);
  let hit = interned.get(key);
  if (!hit) {
    hit = Object.freeze({
      valid: a.valid,
      presentInvalid: a.presentInvalid,
      ro: a.ro,
      pxn: a.pxn,
      uxn: a.uxn,
      af: a.af,
      shd: a.shd,
      ng: a.ng,
      cont: a.cont,
      memType: a.memType,
      nsShared: a.nsShared,
    });
    interned.set(key, hit);
  }
  return hit;
}

/** Stable short key of an interned record (used to key page-table nodes). */
export function attrsKey(a: LeafAttrs): string {
  return keyOf(a);
}

/** PAGE_KERNEL as the linear map uses it: valid, RW, PXN, UXN, AF, SHD, normal memory. */
export const PAGE_KERNEL: LeafAttrs = leafAttrs({
  valid: true,
  presentInvalid: false,
  ro: false,
  pxn: true,
  uxn: true,
  af: true,
  shd: true,
  ng: false,
  cont: false,
  memType: "NORMAL",
  nsShared: false,
});

export function withAttrs(a: LeafAttrs, change: Partial<LeafAttrs>): LeafAttrs {
  return leafAttrs({ ...a, ...change });
}

export function withCont(a: LeafAttrs, cont: boolean): LeafAttrs {
  return a.cont === cont ? a : withAttrs(a, { cont });
}

/** set_pageattr_masks: clear first, then set (the kernel's `val &= ~clear; val |= set`). */
export function applyMasks(a: LeafAttrs, setMask: ProtMask, clearMask: ProtMask): LeafAttrs {
  const next: { -readonly [K in keyof LeafAttrs]: LeafAttrs[K] } = { ...a };
  for (const f of ATTR_FLAGS) {
    if (clearMask[f]) next[f] = false;
    if (setMask[f]) next[f] = true;
  }
  if (setMask.memType !== undefined) next.memType = setMask.memType;
  return leafAttrs(next);
}

/** pte_present() after [F2]: valid or present-invalid. */
export function isPresent(a: LeafAttrs): boolean {
  return a.valid || a.presentInvalid;
}
