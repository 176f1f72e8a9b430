import { describe, expect, it } from "vitest";

import {
  budgetSettings,
  BUDGET_WINDOW_SECONDS,
  CLERK_BACKEND_API_LIMIT,
  instanceType,
} from "@/lib/backend-api-limits";
import { createTokenBucket } from "@/lib/server/token-bucket";

describe("the Backend API budget settings", () => {
  it("reads the instance type from the publishable key", () => {
    expect(instanceType("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")).toBe("production");
    expect(instanceType("pk_test_Y2xlcmstbG9jYWwuY2xlcmsuYWNjb3VudHMuZGV2JA")).toBe("development");
  });

  it.each(["development", "production"] as const)(
    "lets each purpose spend at most a tenth of a %s instance's limit in any window",
    (instance) => {
      const { capacity, perSecond } = budgetSettings(instance);
      const worstWindow = capacity + perSecond * BUDGET_WINDOW_SECONDS;

      expect(worstWindow).toBe(CLERK_BACKEND_API_LIMIT[instance] / 10);

      // The same bound, counted on a bucket a client asks every 10 ms for a window.
      let now = 0;
      const bucket = createTokenBucket({ capacity, perSecond }, () => now);
      let granted = 0;
      for (let step = 0; step < BUDGET_WINDOW_SECONDS * 100; step += 1, now += 10) if (bucket.take().ok) granted += 1;
      expect(granted).toBeLessThanOrEqual(worstWindow);
    },
  );
});
