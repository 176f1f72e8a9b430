import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

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

// The end-to-end tests locate values by these attributes, so their shape is a contract. No DOM
// library is installed, so elements are found in the static markup: every hooked element is a leaf
// (or an <li>, which never nests here), which keeps the patterns simple.
function render(data: UserData): string {
  return renderToStaticMarkup(<ProfileDetails user={data} />);
}

type Found = { tag: string; attributes: string; inner: string; text: string };

function find(markup: string, attribute: string): Found | undefined {
  const pattern = new RegExp(`<(\\w+)((?:\\s[^>]*)?\\s${attribute}(?:\\s[^>]*)?)>(?:(.*?)</\\1>)?`, "s");
  const match = pattern.exec(markup);
  if (!match) return undefined;
  const inner = match[3] ?? "";
  return { tag: match[1] ?? "", attributes: match[2] ?? "", inner, text: inner.replace(/<[^>]*>/g, "") };
}

function attribute(found: Found | undefined, name: string): string | undefined {
  return found && new RegExp(`\\s${name}="([^"]*)"`).exec(found.attributes)?.[1];
}

describe("ProfileDetails", () => {
  it("puts every scalar field in a data-field element, null as an em dash marked data-null", () => {
    const markup = render(user);
    const field = (name: string) => find(markup, `data-field="${name}"`);

    expect(field("id")?.text).toBe("user_1");
    expect(field("first_name")?.text).toBe("Ada");
    expect(field("last_name")?.text).toBe("Lovelace");
    expect(field("primary_email_address_id")?.text).toBe("idn_primary");
    expect(field("username")?.text).toBe("—");
    expect(attribute(field("username"), "data-null")).toBe("true");
    expect(attribute(field("first_name"), "data-null")).toBeUndefined();

    const avatar = field("profile_image_url");
    expect(avatar?.tag).toBe("img");
    expect(attribute(avatar, "src")).toBe(user.profile_image_url);
    expect(attribute(avatar, "alt")).toBe("Profile picture of Ada Lovelace");
  });

  it("lists every email address with its verification status and marks only the primary one", () => {
    const markup = render(user);
    // Each item's inner markup, so the searches below stay inside that one item.
    const item = (id: string) => {
      const found = find(markup, `data-email-id="${id}"`);
      expect(found?.tag).toBe("li");
      return found?.inner ?? "";
    };
    const primary = item("idn_primary");
    const other = item("idn_other");

    expect(find(primary, 'data-field="email_address"')?.text).toBe("ada@example.com");
    expect(find(primary, 'data-field="verification_status"')?.text).toBe("verified");
    expect(primary).toContain(">Primary<");

    expect(find(other, 'data-field="email_address"')?.text).toBe("ada+work@example.com");
    const status = find(other, 'data-field="verification_status"');
    expect(status?.text).toBe("—");
    expect(attribute(status, "data-null")).toBe("true");
    expect(other).not.toContain(">Primary<");
  });
});
