// Makes `linmap` resolvable by name from inside this checkout (node_modules/linmap → ..),
// so that notebooks run by tslab can `import ... from "linmap"`: tslab type-checks with
// TypeScript's node10 resolution, which ignores package self-references.
import { existsSync, lstatSync, symlinkSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "linmap");
if (existsSync(join(root, "node_modules"))) {
  let present = false;
  try {
    lstatSync(link);
    present = true;
  } catch {
    present = false;
  }
  if (!present) symlinkSync("..", link, "dir");
}
