// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiKeysPanel } from "./api-keys-panel";

// The module boundary to Clerk: <APIKeys /> either mounts, or throws as a development instance's
// clerk-js does when user API keys are turned off.
const clerk = vi.hoisted(() => ({ keysOn: true }));
vi.mock("@/lib/clerk-react", () => ({
  APIKeys: () => {
    if (!clerk.keysOn) throw new Error("cannot_render_api_keys_user_disabled");
    return <div data-testid="clerk-api-keys" />;
  },
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("ApiKeysPanel", () => {
  it("holds Clerk's <APIKeys /> under its heading", () => {
    clerk.keysOn = true;
    render(<ApiKeysPanel />);
    expect(screen.getByRole("region", { name: "API keys" })).toBeTruthy();
    expect(screen.getByTestId("clerk-api-keys")).toBeTruthy();
  });

  it("says how to turn keys on when Clerk refuses to mount the component, and the page lives on", () => {
    clerk.keysOn = false;
    // React reports the caught error on the console.
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(<ApiKeysPanel />);
    expect(screen.getByText(/API keys are turned off for this Clerk instance/)).toBeTruthy();
    expect(screen.queryByTestId("clerk-api-keys")).toBeNull();
  });
});
