// The five policies by id: the one place that lists them.
import type { PolicyId } from "../../catalog/index.js";
import type { LinuxPolicy } from "./policy.js";
import { policyA } from "./v6-17.js";
import { policyB } from "./v6-18.js";
import { policyC } from "./fix-v1.js";
import { policyD } from "./v7-1.js";
import { policyE } from "./memblock-split.js";

export const LINUX_POLICIES: Readonly<Record<PolicyId, LinuxPolicy>> = { a: policyA, b: policyB, c: policyC, d: policyD, e: policyE };

export type { LinuxPolicy } from "./policy.js";
