// Starts the local Clerk on a real port (for `npm run dev`, `start:local`, the CLI and tests).
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createApp } from "./app";
import { appEnvFor } from "./app-env";
import { assertSafeToRun, type LocalClerkConfig } from "./config";
import { CONTROLS_PREFIX } from "./controls/routes";
import { publicUrlFor, type Services } from "./services";
import { signInIdentifiers } from "./state/identity-rules";

export type RunningLocalClerk = {
  services: Services;
  url: string;
  /** The port actually bound (what `port: 0` turned into). */
  port: number;
  appEnv: Record<string, string>;
  close: () => Promise<void>;
};

/** How long open connections get to finish after close before they are cut. */
const CLOSE_GRACE_MS = 1000;

export async function startLocalClerk(config: LocalClerkConfig, env: Record<string, string | undefined> = process.env): Promise<RunningLocalClerk> {
  assertSafeToRun(env, config);
  const local = await createApp(config);
  const { app, services } = local;
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      s.once("error", (error: NodeJS.ErrnoException) => {
        reject(
          error.code === "EADDRINUSE"
            ? new Error(`Port ${config.port} is in use: stop what runs there or set CLERK_LOCAL_PORT`)
            : error,
        );
      });
    });
  } catch (error) {
    await local.close();
    throw error;
  }
  // With port 0 the system picked one: everything that names this server's URL must use the real one.
  const port = (server.address() as AddressInfo).port;
  services.publicUrl.current = publicUrlFor({ host: config.host, port });

  let closing: Promise<void> | null = null;
  let offline: Promise<void> | null = null;
  /** Ends an outage's wait early: close() must not wait out the outage. */
  const shutdown = new AbortController();
  services.outage.goOffline = (seconds, responseSent) => {
    offline ??= (async () => {
      await responseSent;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections too: a client must not reach the server over one it already had.
      if ("closeAllConnections" in server) server.closeAllConnections();
      await stopped;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        shutdown.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (shutdown.signal.aborted) return;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, config.host, () => {
          server.off("error", reject);
          resolve();
        });
      });
    })()
      .catch((error: unknown) => console.error(`The local Clerk could not listen again after its outage: ${String(error)}`))
      .finally(() => {
        offline = null;
      });
  };

  const close = () => {
    closing ??= (async () => {
      // An outage in progress has closed the server already; closing it again would never call back.
      if (offline) {
        shutdown.abort();
        await offline;
        await local.close();
        return;
      }
      // Stop accepting first, then let held (hanging) requests answer so their connections can end.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await local.close();
      await new Promise((resolve) => setImmediate(resolve));
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const cut = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, CLOSE_GRACE_MS);
      cut.unref();
      await closed;
      clearTimeout(cut);
    })();
    return closing;
  };
  const url = services.publicUrl.current;
  return { services, url, port, appEnv: appEnvFor(services), close };
}

export function banner(running: RunningLocalClerk): string {
  const { config } = running.services;
  const demo = config.demoUser;
  const byUsername = signInIdentifiers(running.services.instance.userSettings).includes("username");
  return [
    `Local Clerk listening on ${running.url} (development and tests only, never for production)`,
    config.instanceFile ? `Instance settings: ${config.instanceFile}` : "Instance settings: the defaults (email address and password; set CLERK_LOCAL_INSTANCE_FILE or --instance)",
    demo
      ? `Demo user: ${byUsername ? `${demo.username} or ` : ""}${demo.email} / ${demo.password}`
      : config.seedFile
        ? `Users seeded from ${config.seedFile}`
        : "No demo user seeded",
    `Email verification code: ${config.verificationCode}`,
    config.stateFile ? `Users persist in ${config.stateFile}` : "Users live in memory (set CLERK_LOCAL_STATE_FILE or --state to keep them)",
    running.services.live.get().webhook_url
      ? `Webhooks: user.* and session.* events to ${running.services.live.get().webhook_url}, signed with CLERK_WEBHOOK_SIGNING_SECRET`
      : "Webhooks: off (set CLERK_LOCAL_WEBHOOK_URL)",
    `Controls: ${running.url}${CONTROLS_PREFIX}/{health,reset,config,instance,stats,webhooks,state,outage}`,
  ].join("\n");
}
