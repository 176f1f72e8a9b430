// POST /__clerk_local/outage over real HTTP: the answer arrives, then the port refuses connections
// (a kept-alive one included) for the given seconds, then the server answers again.
import { afterEach, describe, expect, it } from "vitest";
import { inProcess, overHttp, type TestClerk } from "../testing/harness";

let running: TestClerk | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

const outage = (url: string, body: unknown) =>
  fetch(`${url}/__clerk_local/outage`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function connectionError(url: string): Promise<string | undefined> {
  try {
    await fetch(`${url}/__clerk_local/health`);
    return undefined;
  } catch (error) {
    return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

describe("POST /__clerk_local/outage", () => {
  it("answers, refuses connections for the given seconds, then serves again", async () => {
    running = await overHttp();
    const { url } = running;

    const answer = await outage(url, { seconds: 1 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: "offline", seconds: 1 });

    await expect.poll(() => connectionError(url), { timeout: 2_000 }).toBe("ECONNREFUSED");
    const started = Date.now();
    await expect.poll(async () => (await fetch(`${url}/__clerk_local/health`)).status, { timeout: 5_000 }).toBe(200);
    expect(Date.now() - started, "back after about the outage").toBeLessThan(3_000);
  });

  it("lets close() end an outage at once", async () => {
    running = await overHttp();
    await outage(running.url, { seconds: 60 });
    await expect.poll(() => connectionError(running!.url), { timeout: 2_000 }).toBe("ECONNREFUSED");

    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await connectionError(running.url), "and stays closed").toBe("ECONNREFUSED");
  });

  it.each([{}, { seconds: 0 }, { seconds: 61 }, { seconds: 1.5 }, { seconds: "5" }])("rejects %j with a Clerk-shaped 422", async (body) => {
    running = await overHttp();
    const answer = await outage(running.url, body);
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ errors: [{ code: "form_param_value_invalid", meta: { param_name: "seconds" } }] });
    expect((await fetch(`${running.url}/__clerk_local/health`)).status, "still serving").toBe(200);
  });

  it("is refused by an app that is not serving on a port", async () => {
    running = await inProcess();
    const answer = await running.request("/__clerk_local/outage", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ seconds: 1 }),
    });
    expect(answer.status).toBe(501);
  });
});
