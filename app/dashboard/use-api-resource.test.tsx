// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import * as z from "@/lib/zod";

import { useApiResource } from "./use-api-resource";

// The module boundaries: Clerk's hooks and the browser's fetch. The hook's own logic runs for real.
const clerk = vi.hoisted(() => ({ status: "ready" as "loading" | "ready" }));
vi.mock("@/lib/clerk-react", () => ({
  // Server-rendered auth: signed in before clerk-js has loaded.
  useAuth: () => ({ isLoaded: true, isSignedIn: true, userId: "user_1", getToken }),
  useClerk: () => ({ status: clerk.status }),
}));
const getToken = vi.fn(async () => "token");
const fetchMock = vi.fn<typeof fetch>();

const Schema = z.strictObject({ name: z.string() });
const HEADER = "X-Updated-At";

function answer(name: string, updatedAt: number) {
  return new Response(JSON.stringify({ name }), { headers: { "Content-Type": "application/json", [HEADER]: String(updatedAt) } });
}

beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.useRealTimers();
  cleanup();
  vi.unstubAllGlobals();
  vi.resetAllMocks();
  getToken.mockImplementation(async () => "token");
  clerk.status = "ready";
});

describe("useApiResource", () => {
  it("asks once when the source's change time arrives while the first request is in flight and the answer is fresh", async () => {
    // Faked timers that still run on their own: the wait for a second request is skipped, not slept.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    let release: (response: Response) => void = () => undefined;
    fetchMock.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const { result, rerender } = renderHook(({ changedAt }) => useApiResource("/api/x", Schema, { changedAt, header: HEADER }), {
      initialProps: { changedAt: undefined as number | undefined },
    });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    rerender({ changedAt: 100 });
    release(answer("fresh", 100));
    await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "fresh" } }));
    // Longer than the hook's whole freshness wait: a stale answer would have been asked for again.
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("asks again, keeping the old answer on screen, while the answer is older than the change", async () => {
    fetchMock.mockResolvedValueOnce(answer("old", 100)).mockResolvedValueOnce(answer("old", 100)).mockResolvedValueOnce(answer("new", 200));
    const { result, rerender } = renderHook(({ changedAt }) => useApiResource("/api/x", Schema, { changedAt, header: HEADER }), {
      initialProps: { changedAt: 100 },
    });
    await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "old" } }));
    rerender({ changedAt: 200 });
    expect(result.current.state.status).toBe("success");
    await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "new" } }));
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("asks only once clerk-js has loaded, however late", async () => {
    clerk.status = "loading";
    fetchMock.mockImplementation(async () => answer("late", 1));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    const { result, rerender } = renderHook(() => useApiResource("/api/x", Schema));
    // Long enough for any effect to have asked, short of the deadline for clerk-js to load.
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(getToken).not.toHaveBeenCalled();
    expect(result.current.state.status).toBe("loading");
    clerk.status = "ready";
    rerender();
    await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "late" } }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("asks again once when the network comes back", async () => {
    fetchMock.mockImplementation(async () => answer("same", 1));
    const { result } = renderHook(() => useApiResource("/api/x", Schema));
    await waitFor(() => expect(result.current.state.status).toBe("success"));
    act(() => {
      window.dispatchEvent(new Event("online"));
    });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(result.current.state.status).toBe("success");
  });
});
