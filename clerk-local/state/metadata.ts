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
