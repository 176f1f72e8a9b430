// Clerk's rules for user metadata, the same through both APIs.

/** Clerk's metadata merge: nested objects merge, `null` removes a key, anything else replaces. */
export function mergeMetadata(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    const merged = isPlainObject(value) && isPlainObject(current) ? mergeMetadata(current, value) : value;
    if (value === null) delete result[key];
    // defineProperty, not assignment: a `__proto__` key from JSON stays data instead of becoming a prototype.
    else Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Clerk caps each metadata object at 8 KB of JSON. */
export const MAX_METADATA_BYTES = 8 * 1024;

/** A form field holding metadata as clerk-js sends it (a JSON object, as a string); null when it is anything else. */
export function metadataFromFormField(raw: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return isPlainObject(value) && raw.length <= MAX_METADATA_BYTES ? value : null;
}
