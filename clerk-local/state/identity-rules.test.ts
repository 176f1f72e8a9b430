// The password and username rules as the instance's settings make them, one case per rule and code.
import { describe, expect, it } from "vitest";
import { defaultUserSettings } from "../settings/instance-defaults";
import { passwordProblems, usernameProblem, type PasswordRules } from "./identity-rules";

const defaults = defaultUserSettings();
const codes = (password: string, rules: Partial<PasswordRules> = {}) =>
  passwordProblems(password, { ...defaults.password_settings, ...rules }).map((problem) => problem.code);

describe("password rules", () => {
  it("holds the default instance to 8 to 72 characters and nothing else", () => {
    expect(codes("short")).toEqual(["form_password_length_too_short"]);
    expect(codes("x".repeat(73))).toEqual(["form_password_length_too_long"]);
    expect(codes("alllowercase")).toEqual([]);
  });

  it("uses the instance's lengths", () => {
    expect(codes("eleven-char", { min_length: 12 })).toEqual(["form_password_length_too_short"]);
    expect(codes("twelve-chars", { min_length: 12 })).toEqual([]);
    expect(codes("twenty-one-characters", { max_length: 20 })).toEqual(["form_password_length_too_long"]);
  });

  it("lists every character class a password lacks, each with Clerk's code, the length alone when short", () => {
    const strict = { require_lowercase: true, require_uppercase: true, require_numbers: true, require_special_char: true };
    expect(codes("ALLUPPERCASE", strict)).toEqual(["form_password_no_lowercase", "form_password_no_number", "form_password_no_special_char"]);
    expect(codes("alllowercase", strict)).toEqual(["form_password_no_uppercase", "form_password_no_number", "form_password_no_special_char"]);
    expect(codes("Mixed-Case-and-1", strict)).toEqual([]);
    expect(codes("Ab1!", strict)).toEqual(["form_password_length_too_short"]);
  });

  it("counts only the allowed special characters when the instance names them", () => {
    const rules = { require_special_char: true, allowed_special_characters: "#%" };
    expect(codes("has-a-dash-only", rules)).toEqual(["form_password_no_special_char"]);
    expect(codes("has-a-hash-#", rules)).toEqual([]);
    expect(codes("has-a-dash-only", { require_special_char: true })).toEqual([]);
  });

  it("names the parameter it was given", () => {
    expect(passwordProblems("short", defaults.password_settings, "new_password")[0]?.paramName).toBe("new_password");
  });
});

describe("username rules", () => {
  const settings = defaults.username_settings;
  const code = (username: string, changes: Partial<typeof settings> = {}) => usernameProblem(username, { ...settings, ...changes })?.code ?? null;

  it("takes 4 to 64 letters, digits, underscores and dashes by default", () => {
    expect(code("ada_lovelace-1")).toBeNull();
    expect(code("ada")).toBe("form_username_invalid_length");
    expect(code("a".repeat(65))).toBe("form_username_invalid_length");
    expect(code("ada lovelace")).toBe("form_username_invalid_character");
    expect(code("ada@home")).toBe("form_username_invalid_character");
    expect(code("ada.lovelace")).toBe("form_username_invalid_character");
  });

  it("uses the instance's lengths, extended characters and numeric usernames", () => {
    expect(code("adal", { min_length: 5 })).toBe("form_username_invalid_length");
    expect(code("ada", { min_length: 3 })).toBeNull();
    expect(code("ada_lovelace", { max_length: 8 })).toBe("form_username_invalid_length");
    expect(code("ada.lovelace", { allow_extended_special_characters: true })).toBeNull();
    expect(code("12345")).toBe("form_username_needs_non_number_char");
    expect(code("12345", { allow_numeric_usernames: true })).toBeNull();
  });

  it("falls back to Clerk's 4 and 64 when a length is null", () => {
    expect(code("ada", { min_length: null })).toBe("form_username_invalid_length");
    expect(code("a".repeat(64), { max_length: null })).toBeNull();
  });
});
