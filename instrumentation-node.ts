import { InvalidEnvError, serverEnv } from "@/lib/env";
import { installUnknownMethodGuard } from "@/lib/unknown-methods";

/**
 * A missing or malformed Clerk key stops `next start` at once with a message naming the variable,
 * instead of failing request after request.
 */
export function validateEnvAtStartup() {
  try {
    serverEnv();
  } catch (error) {
    // Next logs an error thrown from register() but keeps serving; a production server must not
    // run half configured. `next dev` keeps running so the error shows in the terminal and overlay.
    if (error instanceof InvalidEnvError && process.env.NODE_ENV === "production") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** TRACE and CONNECT get a 405 from the server itself: Next cannot take them (lib/unknown-methods.ts). */
export function answerUnknownMethods() {
  installUnknownMethodGuard({ production: process.env.NODE_ENV === "production" });
}
