// The simulator's public entry: a scenario program in, a result out.
export { simulate, type SimulateOptions } from "./boot-engine.js";
export type * from "./program.js";
export type * from "./result.js";
export { geometryFor, type Geometry, type LevelGeometry } from "./geometry/granule-geometry.js";
export { LinearMap, type LeafSegment } from "./tables/linear-map.js";
export { CONT, NG, NS_SHARED, PXN, RDONLY, TAGGED, VALID, LEAF, WALKER_ONLY } from "./tables/page-table.js";
export { linuxPolicy } from "./policies/index.js";
export { errnoName, errnoValue } from "./errno.js";
