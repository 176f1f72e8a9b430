// @vitest-environment happy-dom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ClerkGate } from "./clerk-gate";
import { CLERK_LOAD_DEADLINE_MS } from "./connectivity";

// The module boundary to Clerk: only the status clerk-js reports matters here.
const clerk = vi.hoisted(() => ({ status: "loading" as "loading" | "ready" | "degraded" | "error" }));
vi.mock("@/lib/clerk-react", () => ({ useClerk: () => ({ status: clerk.status }) }));

function renderGate() {
  return render(
    <ClerkGate service="Sign-in">
      <p>the sign-in form</p>
    </ClerkGate>,
  );
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  clerk.status = "loading";
});

describe("ClerkGate", () => {
  it("shows Clerk's component while Clerk loads, and says sign-in is unavailable once loading is overdue", () => {
    renderGate();
    expect(screen.getByText("the sign-in form")).toBeDefined();
    act(() => vi.advanceTimersByTime(CLERK_LOAD_DEADLINE_MS - 1));
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole("alert").textContent).toContain("Sign-in is unavailable right now");
    expect(screen.getByRole("button", { name: "Try again" })).toBeDefined();
  });

  it("says so at once when Clerk reports it failed", () => {
    clerk.status = "error";
    renderGate();
    expect(screen.getByRole("alert").textContent).toContain("unavailable right now");
    expect(screen.queryByText("the sign-in form")).toBeNull();
  });

  it("hands over to Clerk's component when Clerk loads after the deadline", () => {
    const { rerender } = renderGate();
    act(() => vi.advanceTimersByTime(CLERK_LOAD_DEADLINE_MS));
    expect(screen.getByRole("alert")).toBeDefined();
    clerk.status = "degraded";
    rerender(
      <ClerkGate service="Sign-in">
        <p>the sign-in form</p>
      </ClerkGate>,
    );
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("the sign-in form")).toBeDefined();
  });
});
