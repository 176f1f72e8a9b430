import { describe, expect, it } from "vitest";

import { createTokenBucket } from "@/lib/server/token-bucket";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createTokenBucket", () => {
  it("grants a full bucket at once, then refuses with the seconds until a token is back", () => {
    const time = clock();
    const bucket = createTokenBucket({ capacity: 5, perSecond: 0.5 }, time.now);

    const answers = Array.from({ length: 6 }, () => bucket.take());

    expect(answers.slice(0, 5)).toEqual(Array(5).fill({ ok: true }));
    expect(answers[5]).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it("refills at its rate, never past its capacity", () => {
    const time = clock();
    const bucket = createTokenBucket({ capacity: 2, perSecond: 1 }, time.now);
    bucket.take(2);

    time.advance(1000);
    expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take().ok).toBe(false);

    time.advance(60_000);
    expect(bucket.take(2)).toEqual({ ok: true });
    expect(bucket.take().ok).toBe(false);
  });

  it("grants at most capacity + rate x T over any window of T seconds, however it is asked", () => {
    const time = clock();
    const bucket = createTokenBucket({ capacity: 5, perSecond: 0.5 }, time.now);
    let granted = 0;
    // A hostile client asking every 10 ms for 10 s.
    for (let step = 0; step < 1000; step += 1) {
      if (bucket.take().ok) granted += 1;
      time.advance(10);
    }

    expect(granted).toBeLessThanOrEqual(5 + 0.5 * 10);
    expect(granted).toBeGreaterThanOrEqual(5 + 0.5 * 10 - 1);
  });

  it("takes several tokens all or nothing", () => {
    const time = clock();
    const bucket = createTokenBucket({ capacity: 3, perSecond: 1 }, time.now);

    expect(bucket.take(2)).toEqual({ ok: true });
    expect(bucket.take(2)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(bucket.take(1)).toEqual({ ok: true });
  });

  it("refuses a nonsensical bucket", () => {
    expect(() => createTokenBucket({ capacity: 0, perSecond: 1 })).toThrow(/capacity/);
    expect(() => createTokenBucket({ capacity: 1, perSecond: 0 })).toThrow(/capacity/);
  });
});
