// The one zod import: zod/mini, only the parts used, to keep browser bundles small (docs/performance.md).
// jitless: the CSP forbids eval, and zod's probe for it would be reported (docs/security.md).
import { config } from "zod/mini";

config({ jitless: true });

export {
  array,
  boolean,
  enum,
  int,
  literal,
  maximum,
  minimum,
  minLength,
  null,
  nullable,
  object,
  optional,
  pipe,
  refine,
  regex,
  strictObject,
  string,
  transform,
  url,
} from "zod/mini";
export type { infer, ZodMiniType } from "zod/mini";
export { $ZodError as ZodError } from "zod/v4/core";
