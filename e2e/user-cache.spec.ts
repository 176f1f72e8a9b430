// The user cache on the real server (`next start`, `"use cache: remote"`): concurrent first look-ups of a
// user share one Backend API call, and the next ones are answered from the cache. It slows the local
// Clerk's Backend API down, a global setting, so it runs in the "global" project after the others.
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { clerkBackend, expect, test } from "./support/fixtures";

test.skip(REAL_CLERK, LOCAL_ONLY);

const LOOKUP = "GET /v1/users/:id";
const lookups = async () => (await localClerk.stats()).bapi[LOOKUP] ?? 0;

test("concurrent first look-ups of a user share one Backend API call, and later ones make none", async ({ request, createUser }) => {
  const user = await createUser();
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  const token = (await clerkBackend.sessions.getToken(session.id, undefined, 600)).jwt;
  const me = () => request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });

  const { bapi_latency_ms: latency } = await localClerk.config();
  // Long enough for every request below to arrive while the first look-up still waits for Clerk.
  await localClerk.setConfig({ bapi_latency_ms: 1_000 });
  try {
    const before = await lookups();
    const answers = await Promise.all(Array.from({ length: 6 }, me));
    for (const answer of answers) {
      expect(answer.status(), "a concurrent first look-up").toBe(200);
      expect(((await answer.json()) as { id: string }).id).toBe(user.id);
    }
    expect((await lookups()) - before, "Backend API look-ups for six concurrent requests").toBe(1);

    for (const answer of [await me(), await me()]) expect(answer.status(), "a look-up after the first").toBe(200);
    expect((await lookups()) - before, "Backend API look-ups, the cached answers included").toBe(1);
  } finally {
    await localClerk.setConfig({ bapi_latency_ms: latency });
  }
});
