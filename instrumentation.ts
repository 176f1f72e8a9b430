/**
 * Runs once as the server starts, before it takes requests. The Node.js server validates the
 * environment and takes over the methods Next cannot answer; the import stays inside the check so
 * the Edge bundle never sees process.exit or node:http.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { answerUnknownMethods, validateEnvAtStartup } = await import("./instrumentation-node");
    validateEnvAtStartup();
    answerUnknownMethods();
  }
}
