// linmap's own version, written into every result's provenance header.
export const LINMAP_VERSION = "0.1.0";
