// The app's one import of zod: zod/mini, the tree-shakable build with functions instead of methods,
// and only the parts this app uses, listed by name. The schemas here are shared with the browser,
// where full zod alone would add ~90 KB gzip to the dashboard's first-load JavaScript. Import it as
// a namespace: `import * as z from "@/lib/zod"`.
//
// Zod compiles object parsers with `new Function` after probing for it when the first schema is
// built; the Content-Security-Policy forbids eval in the browser, so that probe would be reported as
// a violation. The interpreted parser is fast enough for these small payloads.
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
/** What `parse` throws when the input does not match. */
export { $ZodError as ZodError } from "zod/v4/core";
