// @clerk/testing 2.2's `clerk.signIn({ page, emailAddress })` makes its own Backend API client with no
// apiUrl, so it always calls https://api.clerk.com, which this suite cannot reach when it runs against
// the local Clerk. Node's fetch sends every request through the global undici dispatcher; wrapping it
// to re-aim exactly that origin at the local Clerk leaves node_modules and every other request alone.
import { clerkEnv, REAL_CLERK } from "./clerk-env";

const CLERK_API_ORIGIN = "https://api.clerk.com";
// The key under which Node's bundled undici (and the undici package) keep the global dispatcher.
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

type DispatchOptions = { origin?: string | URL };
type Dispatcher = { dispatch: (options: DispatchOptions, handler: unknown) => boolean };
type DispatcherHolder = Record<symbol, Dispatcher | undefined>;

let installed = false;

/** Points Node-side calls to api.clerk.com at the local Clerk; a no-op against real Clerk. */
export async function routeClerkApiToLocalClerk(): Promise<void> {
  if (REAL_CLERK || installed) return;
  process.env.CLERK_SECRET_KEY = clerkEnv.secretKey;
  const holder = globalThis as unknown as DispatcherHolder;
  // Node creates its dispatcher on the first fetch; a data: URL makes one without any network.
  if (!holder[GLOBAL_DISPATCHER]) await fetch("data:,");
  const original = holder[GLOBAL_DISPATCHER];
  if (!original) throw new Error("Node's fetch has no global dispatcher to wrap");
  const local = new URL(clerkEnv.apiUrl).origin;
  holder[GLOBAL_DISPATCHER] = new Proxy(original, {
    get(target, property) {
      if (property === "dispatch") {
        return (options: DispatchOptions, handler: unknown) =>
          target.dispatch(String(options.origin) === CLERK_API_ORIGIN ? { ...options, origin: local } : options, handler);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  installed = true;
}
