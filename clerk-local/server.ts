// Starts the local Clerk on a real port (for `npm run dev`, `start:local` and the CLI).
import { serve, type ServerType } from "@hono/node-server";
import { createApp } from "./app";
import { appEnvFor } from "./app-env";
import { assertSafeToRun, type LocalClerkConfig } from "./config";
import type { LocalClerk } from "./context";

export type RunningLocalClerk = {
  clerk: LocalClerk;
  url: string;
  appEnv: Record<string, string>;
  close: () => Promise<void>;
};

export async function startLocalClerk(config: LocalClerkConfig, env: Record<string, string | undefined> = process.env): Promise<RunningLocalClerk> {
  assertSafeToRun(env, config);
  const { app, clerk } = await createApp(config);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${config.port} is in use: stop what runs there or set CLERK_LOCAL_PORT`)
          : error,
      );
    });
  });
  return {
    clerk,
    url: clerk.publicUrl,
    appEnv: appEnvFor(clerk),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function banner(running: RunningLocalClerk): string {
  const demo = running.clerk.config.demoUser;
  return [
    `Local Clerk listening on ${running.url} (development and tests only, never for production)`,
    demo ? `Demo user: ${demo.email} / ${demo.password}` : "No demo user seeded",
    `Email verification code: ${running.clerk.config.verificationCode}`,
  ].join("\n");
}
