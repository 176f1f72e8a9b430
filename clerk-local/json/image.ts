// Clerk's image JSON: what a profile image upload answers.
import type { ProfileImage } from "../state/records";

export function imageJSON(image: ProfileImage, avatarBaseUrl: string) {
  return { object: "image", id: image.id, name: image.name, public_url: `${avatarBaseUrl}/avatars/${image.id}` };
}
