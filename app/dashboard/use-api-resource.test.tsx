// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import * as z from "@/lib/zod";

import { useApiResource } from "./use-api-resource";

// The module boundaries: Clerk's hooks and the browser's fetch. The hook's own logic runs for real.
const clerk = vi.hoisted(() => ({ status: "ready" as "loading" | "ready" | "error" }));
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

function failure(status: number, code: string) {
  return new Response(JSON.stringify({ code, message: code, details: null }), { status, headers: { "Content-Type": "application/json" } });
}

/** What the page was rendered with: the same answer the API gives. */
function serverAnswer(name: string, updatedAt: number) {
  return { status: 200, body: { name }, headers: { [HEADER]: String(updatedAt) } };
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

  describe("from the answer the page was rendered with", () => {
    it("shows it before clerk-js has loaded, then asks once with a token, keeping the same data on screen", async () => {
      clerk.status = "loading";
      fetchMock.mockImplementation(async () => answer("same", 1));
      const { result, rerender } = renderHook(() => useApiResource("/api/x", Schema, { header: HEADER, serverAnswer: serverAnswer("same", 1) }));
      const first = result.current.state;
      expect(first).toEqual({ status: "success", data: { name: "same" } });
      expect(fetchMock).not.toHaveBeenCalled();

      clerk.status = "ready";
      rerender();
      await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
      expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get("Authorization")).toBe("Bearer token");
      await act(() => Promise.resolve());
      // The very object on screen: nothing renders anew, and no loading state came between.
      expect(result.current.state.status === "success" && result.current.state.data).toBe(first.status === "success" && first.data);
      expect(result.current.state).toEqual({ status: "success", data: { name: "same" } });
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it("shows a different answer in its place", async () => {
      fetchMock.mockResolvedValue(answer("newer", 2));
      const { result } = renderHook(() => useApiResource("/api/x", Schema, { header: HEADER, serverAnswer: serverAnswer("older", 1) }));
      expect(result.current.state).toEqual({ status: "success", data: { name: "older" } });
      await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "newer" } }));
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it("starts from a rendered error answer, with no loading state", () => {
      clerk.status = "loading";
      const denied = { status: 403, body: { code: "permission_denied", message: "for admins", details: null } };
      const { result } = renderHook(() => useApiResource("/api/x", Schema, { serverAnswer: denied }));
      expect(result.current.state).toEqual({ status: "error", error: { status: 403, code: "permission_denied", message: "for admins" } });
    });

    it("keeps the data when the revalidation fails for a passing reason, says so, and Try again asks without a loading state", async () => {
      let release: (response: Response) => void = () => undefined;
      fetchMock
        .mockResolvedValueOnce(failure(503, "unavailable"))
        .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
      const { result } = renderHook(() => useApiResource("/api/x", Schema, { serverAnswer: serverAnswer("kept", 1) }));
      await waitFor(() =>
        expect(result.current.state).toEqual({
          status: "success",
          data: { name: "kept" },
          refreshError: { status: 503, code: "unavailable", message: "unavailable" },
        }),
      );
      act(() => result.current.retry());
      await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
      expect(result.current.state).toEqual({ status: "success", data: { name: "kept" } });
      release(answer("fresh", 2));
      await waitFor(() => expect(result.current.state).toEqual({ status: "success", data: { name: "fresh" } }));
    });

    it("drops the data when the answer says the session may no longer see it", async () => {
      fetchMock.mockResolvedValue(failure(401, "unauthenticated"));
      const { result } = renderHook(() => useApiResource("/api/x", Schema, { serverAnswer: serverAnswer("gone", 1) }));
      await waitFor(() => expect(result.current.state).toEqual({ status: "error", error: { status: 401, code: "unauthenticated", message: "unauthenticated" } }));
      // A later passing failure does not bring the old data back.
      fetchMock.mockResolvedValue(failure(503, "unavailable"));
      act(() => result.current.retry());
      await waitFor(() => expect(result.current.state).toMatchObject({ status: "error", error: { code: "unavailable" } }));
    });

    it("keeps the data, saying Clerk could not be reached, when clerk-js fails to load", () => {
      clerk.status = "error";
      const { result } = renderHook(() => useApiResource("/api/x", Schema, { serverAnswer: serverAnswer("kept", 1) }));
      expect(result.current.state).toMatchObject({ status: "success", data: { name: "kept" }, refreshError: { code: "auth_unavailable" } });
      expect(fetchMock).not.toHaveBeenCalled();
    });
  });
});
