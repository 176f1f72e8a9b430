// In-memory state of the local Clerk: users and their email addresses, and per dev browser a client
// with its sessions and sign-in / sign-up attempts. Everything is plain data; JSON shapes live in json/.
import { scryptSync, randomBytes, timingSafeEqual } from "node:crypto";
import { newId } from "./ids";

export type Verification = {
  status: "unverified" | "verified" | "failed" | "expired";
  strategy: string;
  attempts: number | null;
  expire_at: number | null;
};

export type EmailAddress = {
  id: string;
  email_address: string;
  reserved: boolean;
  verification: Verification | null;
  created_at: number;
  updated_at: number;
};

/** How addresses made through the Backend API are verified. */
const ADMIN_VERIFIED: Verification = { status: "verified", strategy: "admin", attempts: null, expire_at: null };

/** A new address record; `verification` null means added but not (yet) verified. */

export function newEmailAddress(address: string, verification: Verification | null, now = Date.now()): EmailAddress {
  return { id: newId("idn"), email_address: address.trim().toLowerCase(), reserved: false, verification, created_at: now, updated_at: now };
}

export type User = {
  id: string;
  external_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  password_hash: string | null;
  email_addresses: EmailAddress[];
  primary_email_address_id: string | null;
  public_metadata: Record<string, unknown>;
  private_metadata: Record<string, unknown>;
  unsafe_metadata: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
  last_active_at: number | null;
  /** The uploaded profile image's id in `Store.profileImages`; absent or null shows the generated avatar. */
  image_id?: string | null;
};

/** An uploaded profile image. Kept in memory only: state files hold users, not image bytes. */
export type ProfileImage = { id: string; user_id: string; content_type: string; name: string; bytes: Uint8Array };

/** The request that created or last touched a session, as "Active devices" lists it. */
export type SessionActivity = { id: string; user_agent: string; ip_address: string };

export type SessionStatus = "active" | "ended" | "removed" | "revoked" | "expired";

export type Session = {
  id: string;
  user_id: string;
  /** Null for sessions made through the Backend API, which belong to no browser. */
  client_id: string | null;
  status: SessionStatus;
  created_at: number;
  updated_at: number;
  last_active_at: number;
  expire_at: number;
  abandon_at: number;
  /** Set by the Frontend API on the first request of the session's browser after sign-in, and on each touch. */
  activity?: SessionActivity;
};

export type SignIn = {
  id: string;
  identifier: string;
  user_id: string | null;
  status: "needs_identifier" | "needs_first_factor" | "needs_new_password" | "complete";
  first_factor: { strategy: string; status: Verification["status"]; attempts: number; expire_at: number | null } | null;
  created_session_id: string | null;
  created_at: number;
};

/** A Backend API sign-in token: one sign-in, as `user_id`, for whoever holds `token` (the FAPI `ticket`). */
export type SignInToken = {
  id: string;
  user_id: string;
  token: string;
  status: "pending" | "accepted" | "revoked";
  expire_at: number;
  created_at: number;
  updated_at: number;
};

export type SignUp = {
  id: string;
  status: "missing_requirements" | "complete";
  email_address: string | null;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  email_verification: Verification | null;
  created_user_id: string | null;
  created_session_id: string | null;
  created_at: number;
};

export type Client = {
  id: string;
  session_ids: string[];
  last_active_session_id: string | null;
  sign_in_id: string | null;
  sign_up_id: string | null;
  /** The first factor of the last sign-in on this client (`password`, `email_code`, `ticket`...). */
  last_authentication_strategy: string | null;
  created_at: number;
  /** Changes only when the sign-in state changes: clerk-js copies it into `__client_uat`. */
  updated_at: number;
};

const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  // Low cost: this is a development server, and sign-in latency should stay close to real Clerk's.
  const hash = scryptSync(password, salt, 32, { N: 1024 });
  return `${salt.toString("base64")}:${hash.toString("base64")}`;
}

export function passwordMatches(stored: string | null, password: string): boolean {
  if (!stored) return false;
  const [saltText, hashText] = stored.split(":");
  if (!saltText || !hashText) return false;
  const expected = Buffer.from(hashText, "base64");
  const actual = scryptSync(password, Buffer.from(saltText, "base64"), expected.length, { N: 1024 });
  return timingSafeEqual(expected, actual);
}

export type NewUser = {
  email_addresses: string[];
  password?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  external_id?: string | null;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  unsafe_metadata?: Record<string, unknown>;
  /** How the addresses were verified (a sign-up's code); by an admin, through the Backend API, otherwise. */
  verification?: Verification;
  /** An already hashed password (see `hashPassword`), used when `password` is not given. */
  password_hash?: string | null;
  /** A fixed id (seed files may name their users); a fresh `user_…` id otherwise. */
  id?: string;
};

export type UserEventType = "user.created" | "user.updated" | "user.deleted";
export type UserEvent = { type: UserEventType; user: User };
export type UserEventListener = (event: UserEvent) => void;

/** Clerk's session webhooks; a session that merely expires is announced by none of them. */
export type SessionEventType = "session.created" | "session.ended" | "session.removed" | "session.revoked";
/** `user` is the session's user as it was when the event happened (it may be deleted by now). */
export type SessionEvent = { type: SessionEventType; session: Session; user: User };
export type SessionEventListener = (event: SessionEvent) => void;

const SESSION_END_EVENTS: Partial<Record<SessionStatus, SessionEventType>> = {
  ended: "session.ended",
  removed: "session.removed",
  revoked: "session.revoked",
};

function subscribe<T>(listeners: T[], listener: T): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

export class Store {
  private readonly userListeners: UserEventListener[] = [];
  private readonly sessionListeners: SessionEventListener[] = [];
  readonly users = new Map<string, User>();
  readonly sessions = new Map<string, Session>();
  readonly clients = new Map<string, Client>();
  readonly signIns = new Map<string, SignIn>();
  readonly signUps = new Map<string, SignUp>();
  readonly signInTokens = new Map<string, SignInToken>();
  /** Dev browser token -> client id: one client per browser, which isolates browser contexts. */
  readonly devBrowsers = new Map<string, string>();
  /** Image id -> uploaded profile image (see `User.image_id`). */
  readonly profileImages = new Map<string, ProfileImage>();

  /** Called after every user change that Clerk would announce with a webhook; returns an unsubscribe. */
  onUserEvent(listener: UserEventListener): () => void {
    return subscribe(this.userListeners, listener);
  }

  /** Called after a session is created or ends the way Clerk announces with a webhook. */
  onSessionEvent(listener: SessionEventListener): () => void {
    return subscribe(this.sessionListeners, listener);
  }

  private emitUserEvent(type: UserEventType, user: User): void {
    for (const listener of this.userListeners) listener({ type, user });
  }

  private emitSessionEvent(type: SessionEventType, session: Session): void {
    const user = this.users.get(session.user_id);
    if (!user) return;
    for (const listener of this.sessionListeners) listener({ type, session, user });
  }

  clear(): void {
    this.users.clear();
    this.sessions.clear();
    this.clients.clear();
    this.signIns.clear();
    this.signUps.clear();
    this.signInTokens.clear();
    this.devBrowsers.clear();
    this.profileImages.clear();
  }

  /** `announce: false` for seeding, which Clerk never reports as a user being created. */
  createUser(input: NewUser, { now = Date.now(), announce = true } = {}): User {
    const emails: EmailAddress[] = input.email_addresses.map((address) =>
      newEmailAddress(address, structuredClone(input.verification ?? ADMIN_VERIFIED), now),
    );
    const user: User = {
      id: input.id ?? newId("user"),
      external_id: input.external_id ?? null,
      username: input.username ?? null,
      first_name: input.first_name ?? null,
      last_name: input.last_name ?? null,
      password_hash: input.password ? hashPassword(input.password) : (input.password_hash ?? null),
      email_addresses: emails,
      primary_email_address_id: emails[0]?.id ?? null,
      public_metadata: input.public_metadata ?? {},
      private_metadata: input.private_metadata ?? {},
      unsafe_metadata: input.unsafe_metadata ?? {},
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
      last_active_at: null,
    };
    this.users.set(user.id, user);
    if (announce) this.emitUserEvent("user.created", user);
    return user;
  }

  /** Records a change made to `user` in place: bumps `updated_at` and announces `user.updated`. */
  touchUser(user: User, now = Date.now()): void {
    user.updated_at = now;
    this.emitUserEvent("user.updated", user);
  }

  /** Puts a complete user (restored from a state file or a snapshot) in place, announcing nothing. */
  importUser(user: User): void {
    this.users.set(user.id, user);
  }

  /** Deep copies of every user, oldest first: what a state file holds. */
  snapshotUsers(): User[] {
    return [...this.users.values()].sort((a, b) => a.created_at - b.created_at).map((user) => {
      // Image bytes stay in memory, so a snapshot must not point at an image a restart would not have.
      const copy = structuredClone(user);
      delete copy.image_id;
      return copy;
    });
  }

  /** The user who may sign in with `address`: only a verified address identifies anybody. */
  findUserByEmail(address: string): User | undefined {
    const wanted = address.trim().toLowerCase();
    for (const user of this.users.values()) {
      if (user.email_addresses.some((email) => email.email_address === wanted && email.verification?.status === "verified")) {
        return user;
      }
    }
    return undefined;
  }

  /** Adds an unverified address to `user` (it identifies nobody until verified). */
  addEmailAddress(user: User, address: string): EmailAddress {
    const email = newEmailAddress(address, null);
    user.email_addresses.push(email);
    this.touchUser(user);
    return email;
  }

  /** Removes one of `user`'s addresses; the caller has made sure it is not the primary one. */
  removeEmailAddress(user: User, emailId: string): void {
    user.email_addresses = user.email_addresses.filter((email) => email.id !== emailId);
    this.touchUser(user);
  }

  /** Puts `image` in place of `user`'s profile image, dropping the previous one. */
  setProfileImage(user: User, image: ProfileImage | null): void {
    if (user.image_id) this.profileImages.delete(user.image_id);
    if (image) this.profileImages.set(image.id, image);
    user.image_id = image?.id ?? null;
    this.touchUser(user);
  }

  findUserByUsername(username: string): User | undefined {
    const wanted = username.trim().toLowerCase();
    for (const user of this.users.values()) {
      if (user.username?.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  deleteUser(id: string): boolean {
    const user = this.users.get(id);
    if (!user) return false;
    // Sessions first, while the user still exists: their events carry it.
    for (const session of this.sessions.values()) {
      if (session.user_id === id && session.status === "active") this.endSession(session, "revoked");
    }
    this.users.delete(id);
    if (user.image_id) this.profileImages.delete(user.image_id);
    this.emitUserEvent("user.deleted", user);
    return true;
  }

  createClient(now = Date.now()): Client {
    const client: Client = {
      id: newId("client"),
      session_ids: [],
      last_active_session_id: null,
      sign_in_id: null,
      sign_up_id: null,
      last_authentication_strategy: null,
      created_at: now,
      updated_at: now,
    };
    this.clients.set(client.id, client);
    return client;
  }

  createDevBrowser(): { token: string; client: Client } {
    const client = this.createClient();
    const token = newId("dvb");
    this.devBrowsers.set(token, client.id);
    return { token, client };
  }

  clientForDevBrowser(token: string): Client | undefined {
    const clientId = this.devBrowsers.get(token);
    return clientId ? this.clients.get(clientId) : undefined;
  }

  createSession(userId: string, client: Client | null, now = Date.now()): Session {
    const session: Session = {
      id: newId("sess"),
      user_id: userId,
      client_id: client?.id ?? null,
      status: "active",
      created_at: now,
      updated_at: now,
      last_active_at: now,
      expire_at: now + SESSION_LIFETIME_MS,
      abandon_at: now + SESSION_LIFETIME_MS,
    };
    this.sessions.set(session.id, session);
    const user = this.users.get(userId);
    if (user) {
      user.last_sign_in_at = now;
      user.last_active_at = now;
    }
    if (client) {
      // Single-session mode: a new sign-in replaces whatever this browser had.
      for (const id of client.session_ids) {
        const old = this.sessions.get(id);
        if (old && old.status === "active") this.endSession(old, "ended", now);
      }
      client.session_ids = [session.id];
      client.last_active_session_id = session.id;
      client.updated_at = now;
    }
    this.emitSessionEvent("session.created", session);
    return session;
  }

  endSession(session: Session, status: Exclude<SessionStatus, "active">, now = Date.now()): void {
    const wasActive = session.status === "active";
    session.status = status;
    session.updated_at = now;
    const event = SESSION_END_EVENTS[status];
    if (event && wasActive) this.emitSessionEvent(event, session);
    if (!session.client_id) return;
    const client = this.clients.get(session.client_id);
    if (!client) return;
    client.session_ids = client.session_ids.filter((id) => id !== session.id);
    if (client.last_active_session_id === session.id) client.last_active_session_id = client.session_ids[0] ?? null;
    client.updated_at = now;
  }

  /** The client's sessions that may still be used, dropping any ended behind its back (Backend API revoke). */
  activeSessions(client: Client): Session[] {
    return client.session_ids
      .map((id) => this.sessions.get(id))
      .filter((session): session is Session => session?.status === "active" && this.users.has(session.user_id));
  }
}
