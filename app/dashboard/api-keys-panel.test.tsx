// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiKeysPanel } from "./api-keys-panel";

// The module boundary to Clerk: <APIKeys /> either mounts, or throws as a development instance's
// clerk-js does when user API keys are turned off.
const clerk = vi.hoisted(() => ({ keysOn: true, fails: false }));
vi.mock("@/lib/clerk-react", () => ({
  APIKeys: () => {
    if (!clerk.keysOn) throw Object.assign(new Error("API keys are disabled"), { code: "cannot_render_api_keys_user_disabled" });
    if (clerk.fails) throw new Error("something else went wrong");
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

  it("does not blame the instance's settings for any other failure", () => {
    clerk.keysOn = true;
    clerk.fails = true;
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(<ApiKeysPanel />);
    expect(screen.getByRole("alert").textContent).toMatch(/could not be shown/);
    expect(screen.queryByText(/turned off/)).toBeNull();
    clerk.fails = false;
  });
});
