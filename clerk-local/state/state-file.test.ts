// Users that survive a restart (--state), seed imports (--seed), and clear errors for bad files.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { parseCliArgs } from "../cli-args";
import { configFromEnv, defaultConfig, DEMO_USER, type ConfigOverrides } from "../config";
import { inProcess, jsonOf, signIn, type TestClerk } from "../testing/harness";

let dir: string;
const open: TestClerk[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "clerk-local-state-"));
});

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(overrides: ConfigOverrides): Promise<TestClerk> {
  const local = await inProcess(overrides);
  open.push(local);
  return local;
}

async function stop(local: TestClerk): Promise<void> {
  open.splice(open.indexOf(local), 1);
  await local.close();
}

async function users(local: TestClerk) {
  return jsonOf<{ id: string; first_name: string | null; email_addresses: { email_address: string }[]; phone_numbers: { phone_number: string }[]; public_metadata: Record<string, unknown> }[]>(
    await local.bapi("GET", "/v1/users?limit=100&order_by=+created_at"),
  );
}

/** Whether the password signs the identifier in, in a fresh browser. */
async function signsIn(local: TestClerk, identifier: string, password: string): Promise<boolean> {
  return signIn(await local.devBrowser(), identifier, password).then(
    () => true,
    () => false,
  );
}

describe("--state FILE", () => {
  it("writes the seeded users at start and keeps every user, id and password across a restart", async () => {
    const stateFile = path.join(dir, "nested", "users.json");
    const first = await start({ stateFile });
    const written = JSON.parse(readFileSync(stateFile, "utf8")) as { format: string; users: { id: string }[] };
    expect(written.format).toBe("clerk-local/users");
    expect(written.users).toHaveLength(1);

    await first.bapi("POST", "/v1/users", { email_address: ["kept@example.com"], password: "kept-password-1", first_name: "Kept" });
    const before = await users(first);
    await stop(first);

    const second = await start({ stateFile });
    const after = await users(second);
    expect(after.map((u) => u.id)).toEqual(before.map((u) => u.id));
    expect(after.map((u) => u.first_name)).toEqual([DEMO_USER.firstName, "Kept"]);
    expect(await signsIn(second, "kept@example.com", "kept-password-1")).toBe(true);
    expect(await signsIn(second, "kept@example.com", "wrong-password")).toBe(false);
  });

  it("writes changes soon after they happen, atomically", async () => {
    const stateFile = path.join(dir, "users.json");
    const local = await start({ stateFile });
    const [demo] = await users(local);
    await local.bapi("PATCH", `/v1/users/${demo!.id}`, { first_name: "Renamed" });
    await expect
      .poll(() => (JSON.parse(readFileSync(stateFile, "utf8")) as { users: { first_name: string }[] }).users[0]!.first_name)
      .toBe("Renamed");
    await local.bapi("DELETE", `/v1/users/${demo!.id}`);
    await expect.poll(() => (JSON.parse(readFileSync(stateFile, "utf8")) as { users: unknown[] }).users).toEqual([]);
  });

  it("does not bring a second demo user when the state already holds one", async () => {
    const stateFile = path.join(dir, "users.json");
    await stop(await start({ stateFile }));
    const again = await start({ stateFile });
    expect(await users(again)).toHaveLength(1);
  });

  it("reset goes back to the users loaded at start", async () => {
    const stateFile = path.join(dir, "users.json");
    const local = await start({ stateFile });
    await local.bapi("POST", "/v1/users", { email_address: ["temp@example.com"], password: "long-enough-1" });
    await local.controls.reset();
    expect(await users(local)).toHaveLength(1);
    await stop(local);
    expect((JSON.parse(readFileSync(stateFile, "utf8")) as { users: unknown[] }).users).toHaveLength(1);
  });
});

describe("--seed FILE", () => {
  it("imports seed entries in both formats and never writes the file", async () => {
    const exported = JSON.parse(await (await start({ demoUser: null })).controls.state()) as { users: unknown[] };
    expect(exported.users).toEqual([]);

    const seedFile = path.join(dir, "seed.json");
    const seed = {
      users: [
        {
          email_address: "Alice@Example.com",
          password: "alice-password",
          first_name: "Alice",
          public_metadata: { role: "admin" },
          id: "user_seed_alice",
        },
        { email_addresses: ["bob@example.com", "bob@work.example"], username: "bob", password: "bob-password" },
        { username: "nomail", password: "nomail-password" },
        { phone_number: "+1 555 555 0142", password: "phone-password" },
      ],
    };
    const text = JSON.stringify(seed);
    writeFileSync(seedFile, text);
    const local = await start({ seedFile });
    const all = await users(local);
    expect(all.map((u) => u.email_addresses.map((e) => e.email_address))).toEqual([
      ["alice@example.com"],
      ["bob@example.com", "bob@work.example"],
      [],
      [],
      [DEMO_USER.email],
    ]);
    expect(all[0]).toMatchObject({ id: "user_seed_alice", public_metadata: { role: "admin" } });
    expect(all[3]?.phone_numbers).toEqual([expect.objectContaining({ phone_number: "+15555550142" })]);
    expect(await signsIn(local, "bob@work.example", "bob-password")).toBe(true);
    await local.bapi("POST", "/v1/users", { email_address: ["new@example.com"], password: "long-enough-1" });
    expect(readFileSync(seedFile, "utf8")).toBe(text);

    // A state file exported from a running server is a valid seed too.
    const stateFile = path.join(dir, "exported.json");
    writeFileSync(stateFile, await local.controls.state());
    const reloaded = await start({ seedFile: stateFile, demoUser: null });
    expect((await users(reloaded)).map((u) => [u.id, u.phone_numbers.length])).toEqual((await users(local)).map((u) => [u.id, u.phone_numbers.length]));
  });

  it("lets the state file win over the seed file for the same user", async () => {
    const seedFile = path.join(dir, "seed.json");
    const stateFile = path.join(dir, "state.json");
    writeFileSync(seedFile, JSON.stringify({ users: [{ email_address: "carol@example.com", password: "carol-password", first_name: "Seed" }] }));
    const first = await start({ seedFile, stateFile });
    const carol = (await users(first)).find((u) => u.first_name === "Seed")!;
    await first.bapi("PATCH", `/v1/users/${carol.id}`, { first_name: "Changed" });
    await stop(first);
    const second = await start({ seedFile, stateFile });
    expect((await users(second)).map((u) => u.first_name)).toEqual(["Changed", DEMO_USER.firstName]);
  });
});

describe("bad files", () => {
  const cases: [string, string, RegExp][] = [
    ["not json", "{users: [", /is not valid JSON/],
    ["not an object", "[1, 2]", /must be a JSON object with a "users" list/],
    ["bad email", JSON.stringify({ users: [{ email_address: "nope", password: "long-enough-1" }] }), /users\[0\]\.email_address: must be a valid email address/],
    ["unknown field", JSON.stringify({ users: [{ email_address: "a@b.co", pasword: "x" }] }), /users\[0\]/],
    ["short password", JSON.stringify({ users: [{ email_address: "a@b.co", password: "x" }] }), /users\[0\]\.password: Passwords must be 8 characters or more/],
    ["no identifier", JSON.stringify({ users: [{ first_name: "x" }] }), /users\[0\]: needs an email_address, a phone_number or a username/],
    [
      "duplicate",
      JSON.stringify({ users: [{ email_address: "a@b.co" }, { email_address: "A@b.co" }] }),
      /users\[1\]: email address a@b.co is also used by another entry/,
    ],
    ["broken persisted user", JSON.stringify({ users: [{ id: "user_x", created_at: "yesterday" }] }), /users\[0\]\./],
  ];

  it.each(cases)("names the file and the problem: %s", async (_name, content, message) => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, content);
    await expect(createApp(defaultConfig({ stateFile: file }))).rejects.toThrow(message);
    await expect(createApp(defaultConfig({ seedFile: file }))).rejects.toThrow(new RegExp(`Seed file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  it("treats an empty state file as no users", async () => {
    const file = path.join(dir, "empty.json");
    writeFileSync(file, "");
    expect(await users(await start({ stateFile: file }))).toHaveLength(1);
  });

  it("makes the CLI exit 1 with one line, not a stack trace", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, "{oops");
    const result = await promisify(execFile)(
      process.execPath,
      [fileURLToPath(new URL("../bin/clerk-local.mjs", import.meta.url)), "--state", file, "--port", "0"],
      { env: { ...process.env, CLERK_LOCAL_STATE_DIR: dir, NODE_ENV: "development" }, timeout: 20_000 },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`^State file .*bad\\.json is not valid JSON`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("configuration from env and flags", () => {
  it("reads the state, seed, webhook, latency and token env variables", () => {
    const config = configFromEnv(
      {
        NODE_ENV: "test",
        CLERK_LOCAL_STATE_FILE: "state.json",
        CLERK_LOCAL_SEED_FILE: "/abs/seed.json",
        CLERK_LOCAL_WEBHOOK_URL: "http://localhost:3000/api/webhooks/clerk",
        CLERK_LOCAL_BAPI_LATENCY_MS: "250",
        CLERK_LOCAL_TOKEN_TTL_SECONDS: "30",
      },
      "/work/app",
    );
    expect(config).toMatchObject({
      stateFile: "/work/app/state.json",
      seedFile: "/abs/seed.json",
      live: { webhook_url: "http://localhost:3000/api/webhooks/clerk", bapi_latency_ms: 250, token_ttl_s: 30 },
    });
    expect(configFromEnv({ NODE_ENV: "test", CLERK_LOCAL_WEBHOOK_URL: "off" }).live.webhook_url).toBeNull();
    expect(() => configFromEnv({ NODE_ENV: "test", CLERK_LOCAL_BAPI_LATENCY_MS: "fast" })).toThrow(/CLERK_LOCAL_BAPI_LATENCY_MS/);
  });

  it("rejects out-of-range live settings from the env at start", async () => {
    await expect(createApp(defaultConfig({ live: { token_ttl_s: 0 } }))).rejects.toThrow(/token_ttl_s/);
  });

  it("parses CLI flags", () => {
    expect(parseCliArgs(["--state", "s.json", "--seed=seed.json", "--port", "0"], "/w").overrides).toEqual({
      stateFile: "/w/s.json",
      seedFile: "/w/seed.json",
      port: 0,
    });
    expect(parseCliArgs(["--help"]).help).toBe(true);
    expect(() => parseCliArgs(["--state"])).toThrow(/needs a value/);
    expect(() => parseCliArgs(["--port", "x"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--bogus"])).toThrow(/Unknown argument/);
    expect(
      parseCliArgs(["--app-origin", "http://localhost:3001/x", "--sign-in-url", "http://localhost:3001/login", "--webhook-url", "http://localhost:3001/hook", "--contract-check"]).overrides,
    ).toEqual({
      appOrigin: "http://localhost:3001",
      signInUrl: "http://localhost:3001/login",
      live: { webhook_url: "http://localhost:3001/hook" },
      contractCheck: true,
    });
    expect(() => parseCliArgs(["--app-origin", "localhost"])).toThrow(/absolute URL/);
  });
});
