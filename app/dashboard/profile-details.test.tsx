// @vitest-environment happy-dom
import { cleanup, render, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { UserData } from "@/lib/user-data";

import { ProfileDetails } from "./profile-details";

const user: UserData = {
  id: "user_1",
  username: null,
  first_name: "Ada",
  last_name: "Lovelace",
  profile_image_url: "http://127.0.0.1:4010/avatars/user_1.svg",
  primary_email_address_id: "idn_primary",
  email_addresses: [
    {
      id: "idn_primary",
      object: "email_address",
      email_address: "ada@example.com",
      reserved: false,
      verification: { status: "verified", strategy: "email_code", attempts: 1, expire_at: null },
      linked_to: [],
    },
    {
      id: "idn_other",
      object: "email_address",
      email_address: "ada+work@example.com",
      reserved: false,
      verification: null,
      linked_to: [],
    },
  ],
};

// The end-to-end tests locate values by these attributes, so their shape is a contract.
afterEach(cleanup);

function field(scope: HTMLElement, name: string): HTMLElement {
  const element = scope.querySelector<HTMLElement>(`[data-field="${name}"]`);
  if (!element) throw new Error(`no element with data-field="${name}"`);
  return element;
}

describe("ProfileDetails", () => {
  it("puts every scalar field in a data-field element, null as an em dash marked data-null", () => {
    const { container } = render(<ProfileDetails user={user} />);

    expect(field(container, "id").textContent).toBe("user_1");
    expect(field(container, "first_name").textContent).toBe("Ada");
    expect(field(container, "last_name").textContent).toBe("Lovelace");
    expect(field(container, "primary_email_address_id").textContent).toBe("idn_primary");
    expect(field(container, "username").textContent).toBe("—");
    expect(field(container, "username").dataset.null).toBe("true");
    expect(field(container, "first_name").dataset.null).toBeUndefined();

    const avatar = field(container, "profile_image_url");
    expect(avatar.tagName).toBe("IMG");
    expect(avatar.getAttribute("src")).toBe(user.profile_image_url);
    expect(avatar.getAttribute("alt")).toBe("Profile picture of Ada Lovelace");
  });

  it("lists every email address with its verification status and marks only the primary one", () => {
    const { container } = render(<ProfileDetails user={user} />);
    const item = (id: string) => {
      const element = container.querySelector<HTMLElement>(`[data-email-id="${id}"]`);
      expect(element?.tagName).toBe("LI");
      return element!;
    };
    const primary = item("idn_primary");
    const other = item("idn_other");

    expect(field(primary, "email_address").textContent).toBe("ada@example.com");
    expect(field(primary, "verification_status").textContent).toBe("verified");
    expect(within(primary).queryByText("Primary")).not.toBeNull();

    expect(field(other, "email_address").textContent).toBe("ada+work@example.com");
    expect(field(other, "verification_status").textContent).toBe("—");
    expect(field(other, "verification_status").dataset.null).toBe("true");
    expect(within(other).queryByText("Primary")).toBeNull();
  });
});
