// The catalogues of kernel vocabulary (boot steps, calls, CPUs, policies, options): one source
// of truth read by the checker (src/lang), the simulator (src/sim), the Jupyter kernel's
// completion and inspection, and the generated documentation.
export * from "./boot-steps.js";
export * from "./calls.js";
export * from "./cpus.js";
export * from "./kernel-options.js";
export * from "./policies.js";
export * from "./policy-settings.js";
export * from "./granules.js";
export * from "./defaults.js";
export * from "./expectations.js";
export * from "./sizes.js";
