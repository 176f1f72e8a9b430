// The app's one import of zod. Zod compiles object parsers with `new Function` after probing for it
// when the first schema is built; the Content-Security-Policy forbids eval in the browser, so that probe
// would be reported as a violation. The interpreted parser is fast enough for these small payloads.
import { z } from "zod";

z.config({ jitless: true });

export { z };
