/**
 * Runs once as the server starts, before it takes requests. The Node.js server validates the
 * environment there; the import stays inside the check so the Edge bundle never sees process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvAtStartup } = await import("./instrumentation-node");
    validateEnvAtStartup();
  }
}
