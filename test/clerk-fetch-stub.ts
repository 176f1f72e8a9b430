// For unit tests that run the real @clerk/backend client against a stubbed fetch.
import { afterEach, beforeEach, vi } from "vitest";

/** Stubs `fetch` around each test of the calling file, with quiet error logs and no retry waits. */
export function stubClerkFetchPerTest() {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal("fetch", fetchMock);
    vi.spyOn(console, "error").mockImplementation(() => {});
    // Retry waits are drawn as random() x ceiling: pinned to zero so retries do not slow the tests.
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    fetchMock.mockReset();
  });
  return fetchMock;
}
