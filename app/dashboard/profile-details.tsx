import Image from "next/image";

import { fullName, type EmailAddressData, type UserData } from "@/lib/user-data";

/**
 * A UserData, rendered with the stable hooks the end-to-end tests read: `data-field="<json key>"` on
 * each value, `data-null="true"` where Clerk has null, `data-email-id` on each email address.
 */
export function ProfileDetails({ user }: { user: UserData }) {
  const name = fullName(user);
  return (
    <div className="space-y-8">
      <div className="flex items-center gap-4">
        <Avatar url={user.profile_image_url} name={name ?? user.username} />
        <div className="min-w-0">
          <p className="truncate text-xl font-semibold">{name ?? user.username ?? "Unnamed user"}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {countLabel(user.email_addresses.length, "email address", "email addresses")}
          </p>
        </div>
      </div>

      <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <Field label="First name" field="first_name" value={user.first_name} />
        <Field label="Last name" field="last_name" value={user.last_name} />
        <Field label="Username" field="username" value={user.username} />
        <Field label="User ID" field="id" value={user.id} monospace />
        <Field
          label="Primary email address ID"
          field="primary_email_address_id"
          value={user.primary_email_address_id}
          monospace
        />
      </dl>

      <div>
        <h3 className="mb-3 font-semibold">Email addresses</h3>
        {user.email_addresses.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">This account has no email address.</p>
        ) : (
          <ul className="space-y-2">
            {user.email_addresses.map((email) => (
              <EmailItem key={email.id} email={email} isPrimary={email.id === user.primary_email_address_id} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Avatar({ url, name }: { url: string; name: string | null }) {
  const alt = name ? `Profile picture of ${name}` : "Your profile picture";
  if (url === "") {
    return (
      <span
        role="img"
        aria-label={alt}
        data-field="profile_image_url"
        data-empty="true"
        className="grid size-16 shrink-0 place-items-center rounded-full bg-indigo-100 text-xl font-bold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
      >
        {(name ?? "?").charAt(0).toUpperCase()}
      </span>
    );
  }
  return (
    <Image
      src={url}
      alt={alt}
      width={64}
      height={64}
      // Served as-is: Clerk's image CDN already sizes avatars, the local Clerk server serves them over
      // plain http, and the element's src stays the exact profile_image_url.
      unoptimized
      data-field="profile_image_url"
      className="size-16 shrink-0 rounded-full bg-slate-200 object-cover dark:bg-slate-800"
    />
  );
}

function Field({
  label,
  field,
  value,
  monospace = false,
}: {
  label: string;
  field: keyof UserData;
  value: string | null;
  monospace?: boolean;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd
        data-field={field}
        data-null={value === null ? "true" : undefined}
        title={value === null ? "Not set" : undefined}
        className={`mt-1 break-all ${monospace ? "font-mono text-sm" : ""} ${value === null ? "text-slate-500 dark:text-slate-400" : ""}`}
      >
        {value ?? "—"}
      </dd>
    </div>
  );
}

const STATUS_STYLES: Record<string, string> = {
  verified: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  unverified: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};
const OTHER_STATUS_STYLE = "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200";

function EmailItem({ email, isPrimary }: { email: EmailAddressData; isPrimary: boolean }) {
  const status = email.verification?.status ?? null;
  return (
    <li
      data-email-id={email.id}
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-800"
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <span data-field="email_address" className="break-all font-medium">
          {email.email_address}
        </span>
        {isPrimary && (
          <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
            Primary
          </span>
        )}
      </div>
      <div className="flex items-center gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Verification:</span>
        <span
          data-field="verification_status"
          data-null={status === null ? "true" : undefined}
          title={status === null ? "No verification on record" : `Strategy: ${email.verification?.strategy}`}
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${(status && STATUS_STYLES[status]) ?? OTHER_STATUS_STYLE}`}
        >
          {status ?? "—"}
        </span>
      </div>
    </li>
  );
}

function countLabel(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
