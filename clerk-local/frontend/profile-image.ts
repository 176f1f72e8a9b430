// Profile image uploads: the same rules @clerk/ui applies before it sends a file (PNG, JPEG, GIF or WEBP,
// at most 10 MB), checked again here on the bytes themselves so a renamed file is refused too.
import type { Context } from "hono";
import { ClerkError, formError } from "../http/errors";
import { newId } from "../state/ids";
import type { ProfileImageRecord, User } from "../state/records";

export const MAX_PROFILE_IMAGE_BYTES = 10_000_000;

const SIGNATURES: { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/jpeg", matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: "image/gif", matches: (b) => ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a") },
  { type: "image/webp", matches: (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP") },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  return [...text].every((ch, index) => bytes[offset + index] === ch.charCodeAt(0));
}

// The texts @clerk/ui shows for the same two refusals.
const wrongType = () =>
  formError("form_param_format_invalid", "File type not supported. Please upload a JPG, PNG, GIF, or WEBP image.", "file");
export const tooLarge = () =>
  formError("form_param_format_invalid", "File size exceeds the maximum limit of 10MB. Please choose a smaller file.", "file");

export type Upload = { bytes: Uint8Array; name: string };

/** The uploaded bytes as a profile image, or Clerk's error for a missing, oversized or non-image file. */
export function acceptProfileImage(user: User, upload: Upload | null): ProfileImageRecord {
  if (!upload || upload.bytes.length === 0) throw formError("form_param_missing", "Choose an image to upload.", "file");
  if (upload.bytes.length > MAX_PROFILE_IMAGE_BYTES) throw tooLarge();
  const type = SIGNATURES.find((signature) => signature.matches(upload.bytes))?.type;
  if (!type) throw wrongType();
  return { id: newId("img"), user_id: user.id, content_type: type, name: upload.name.slice(0, 255), bytes: upload.bytes };
}

/** The body clerk-js sends as `application/octet-stream`: a base64 string, or a data URL. */
export function decodeBase64Upload(text: string): Upload {
  const base64 = text.trim().replace(/^data:[^,]*;base64,/, "");
  if (!/^[A-Za-z0-9+/=\s]*$/.test(base64)) throw wrongType();
  return { bytes: new Uint8Array(Buffer.from(base64, "base64")), name: "" };
}

// Room for the multipart envelope around the largest image Clerk accepts.
const MAX_UPLOAD_BODY_BYTES = MAX_PROFILE_IMAGE_BYTES + 64 * 1024;

/** The file of an upload: multipart (what clerk-js sends for a File), or a base64 body. */
export async function readUpload(c: Context): Promise<Upload | null> {
  if (Number(c.req.header("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) throw tooLarge();
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new ClerkError({ status: 400, code: "malformed_request", message: "The multipart body could not be read" });
    }
    const file = body.file;
    if (!(file instanceof Blob)) return null;
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file instanceof File ? file.name : "" };
  }
  const text = await c.req.text();
  return text ? decodeBase64Upload(text) : null;
}
