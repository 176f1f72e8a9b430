// The local Clerk's state, closed: its collections are private, every write is a method, and each
// change to a user is recorded here once (timestamp, `user.updated` for the webhooks and the state
// file), so no caller can forget it. Reads return read-only views; JSON shapes live in json/.
import { newId } from "./ids";
import { hashPassword } from "./passwords";
import {
  adminVerification,
  type ApiKey,
  type ApiKeyRecord,
  type Client,
  type ClientRecord,
  type EmailAddress,
  type EmailAddressRecord,
  type JwtTemplate,
  type JwtTemplateRecord,
  type Invitation,
  type InvitationRecord,
  type NewUser,
  type PhoneNumber,
  type PhoneNumberRecord,
  type ProfileImage,
  type ProfileImageRecord,
  type Session,
  type SessionActivity,
  type SessionRecord,
  type SessionStatus,
  type SignIn,
  type SignInRecord,
  type SignInToken,
  type SignInTokenRecord,
  type SignUp,
  type SignUpRecord,
  type User,
  type UserRecord,
  type Verification,
} from "./records";

export type UserEventType = "user.created" | "user.updated" | "user.deleted";
export type UserEvent = { type: UserEventType; user: User };

/** Clerk's session webhooks; a session that merely expires is announced by none of them. */
export type SessionEventType = "session.created" | "session.ended" | "session.removed" | "session.revoked";
/** `user` is the session's user as it was when the event happened (it may be deleted by now). */
export type SessionEvent = { type: SessionEventType; session: Session; user: User };

const SESSION_END_EVENTS: Partial<Record<SessionStatus, SessionEventType>> = {
  ended: "session.ended",
  removed: "session.removed",
  revoked: "session.revoked",
};

const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** Every collection the store has; `clear()` replaces them all at once, so none can be forgotten. */
function emptyTables() {
  return {
    users: new Map<string, UserRecord>(),
    sessions: new Map<string, SessionRecord>(),
    clients: new Map<string, ClientRecord>(),
    signIns: new Map<string, SignInRecord>(),
    signUps: new Map<string, SignUpRecord>(),
    signInTokens: new Map<string, SignInTokenRecord>(),
    invitations: new Map<string, InvitationRecord>(),
    /** Dev browser token -> client id: one client per browser, which isolates browser contexts. */
    devBrowsers: new Map<string, string>(),
    profileImages: new Map<string, ProfileImageRecord>(),
    jwtTemplates: new Map<string, JwtTemplateRecord>(),
    apiKeys: new Map<string, ApiKeyRecord>(),
  };
}

/** A new address record; `verification` null means added but not (yet) verified. */
export function newEmailAddress(address: string, verification: Verification | null, now = Date.now()): EmailAddressRecord {
  return { id: newId("idn"), email_address: address, reserved: false, verification, created_at: now, updated_at: now };
}

/** A new phone number record (E.164); `verification` null means added but not (yet) verified. */
export function newPhoneNumber(phoneNumber: string, verification: Verification | null, now = Date.now()): PhoneNumberRecord {
  return { id: newId("idn"), phone_number: phoneNumber, reserved: false, verification, created_at: now, updated_at: now };
}

/** The record of a new user, exactly as the Backend API would make it; it shares no object with `input`. */
export function newUserRecord(input: NewUser, now = Date.now()): UserRecord {
  const verification = (given: Verification | null | undefined) => structuredClone(given === undefined ? adminVerification() : given);
  const emails = input.email_addresses.map((address) => newEmailAddress(address.trim().toLowerCase(), verification(input.verification), now));
  const phoneVerification = input.phone_verification === undefined ? input.verification : input.phone_verification;
  const phones = (input.phone_numbers ?? []).map((phoneNumber) => newPhoneNumber(phoneNumber, verification(phoneVerification), now));
  return {
    id: input.id ?? newId("user"),
    external_id: input.external_id ?? null,
    username: input.username ?? null,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    password_hash: input.password ? hashPassword(input.password) : (input.password_hash ?? null),
    email_addresses: emails,
    primary_email_address_id: emails[0]?.id ?? null,
    phone_numbers: phones,
    primary_phone_number_id: phones[0]?.id ?? null,
    public_metadata: structuredClone(input.public_metadata ?? {}),
    private_metadata: structuredClone(input.private_metadata ?? {}),
    unsafe_metadata: structuredClone(input.unsafe_metadata ?? {}),
    ...(input.locale ? { locale: input.locale } : {}),
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    last_active_at: null,
  };
}

/** The record `id` of `table`; a record the caller was sure of and is missing is a bug, so an Error. */
function existing<T>(table: ReadonlyMap<string, T>, id: string, what: string): T {
  const record = table.get(id);
  if (!record) throw new Error(`No ${what} ${id}`);
  return record;
}

/**
 * Applies `change` to a copy and copies the result back, so a change that throws halfway leaves the
 * record as it was, and every reference to the record sees the finished change.
 */
function applyChange<T extends object>(record: T, change: (draft: T) => void): T {
  const draft = structuredClone(record);
  change(draft);
  return Object.assign(record, draft);
}

function subscribe<T>(listeners: T[], listener: T): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

export class Store {
  #tables = emptyTables();
  readonly #userListeners: ((event: UserEvent) => void)[] = [];
  readonly #sessionListeners: ((event: SessionEvent) => void)[] = [];

  /** Called after every user change Clerk would announce with a webhook; returns an unsubscribe. */
  onUserEvent(listener: (event: UserEvent) => void): () => void {
    return subscribe(this.#userListeners, listener);
  }

  /** Called after a session is created or ends the way Clerk announces with a webhook. */
  onSessionEvent(listener: (event: SessionEvent) => void): () => void {
    return subscribe(this.#sessionListeners, listener);
  }

  #emitUser(type: UserEventType, user: User): void {
    for (const listener of this.#userListeners) listener({ type, user });
  }

  #emitSession(type: SessionEventType, session: Session): void {
    const user = this.#tables.users.get(session.user_id);
    if (!user) return;
    for (const listener of this.#sessionListeners) listener({ type, session, user });
  }

  /** Forgets everything: users, browsers, sessions, attempts, tokens, invitations and images. */
  clear(): void {
    this.#tables = emptyTables();
  }

  // Users ----------------------------------------------------------------------------------------

  user(id: string): User | undefined {
    return this.#tables.users.get(id);
  }

  /** Every user, oldest first. */
  users(): User[] {
    return [...this.#tables.users.values()];
  }

  /** The user who may sign in with `address`: only a verified address identifies anybody. */
  userByEmail(address: string): User | undefined {
    const wanted = address.trim().toLowerCase();
    return this.users().find((user) =>
      user.email_addresses.some((email) => email.email_address === wanted && email.verification?.status === "verified"),
    );
  }

  /** The user who may sign in with `phoneNumber` (E.164): only a verified number identifies anybody. */
  userByPhone(phoneNumber: string): User | undefined {
    return this.users().find((user) => user.phone_numbers.some((phone) => phone.phone_number === phoneNumber && phone.verification?.status === "verified"));
  }

  userByUsername(username: string): User | undefined {
    const wanted = username.trim().toLowerCase();
    return this.users().find((user) => user.username?.toLowerCase() === wanted);
  }

  /** An email address or phone number by its id, with the user who has it. */
  identification(id: string): { user: User; identification: EmailAddress | PhoneNumber } | undefined {
    for (const user of this.#tables.users.values()) {
      const identification = [...user.email_addresses, ...user.phone_numbers].find((candidate) => candidate.id === id);
      if (identification) return { user, identification };
    }
    return undefined;
  }

  /** `announce: false` for seeding, which Clerk never reports as a user being created. */
  createUser(input: NewUser, { now = Date.now(), announce = true } = {}): User {
    const user = newUserRecord(input, now);
    this.#tables.users.set(user.id, user);
    if (announce) this.#emitUser("user.created", user);
    return user;
  }

  /** Puts a complete user (restored from a state file or a snapshot) in place, announcing nothing. */
  importUser(user: UserRecord): void {
    this.#tables.users.set(user.id, structuredClone(user));
  }

  /**
   * The one way to change a user: applies `change`, stamps `updated_at` and announces `user.updated`
   * (webhooks and the state file listen). A change that throws changes nothing.
   */
  updateUser(id: string, change: (user: UserRecord) => void, now = Date.now()): User {
    const user = existing(this.#tables.users, id, "user");
    applyChange(user, (draft) => {
      change(draft);
      draft.updated_at = now;
    });
    this.#emitUser("user.updated", user);
    return user;
  }

  /**
   * Records a verification in progress on one of a user's email addresses or phone numbers. Not a change
   * Clerk announces: the user's `updated_at` stays, and no webhook is sent until it is verified.
   */
  setIdentificationVerification(userId: string, id: string, verification: Verification | null, now = Date.now()): EmailAddress | PhoneNumber {
    const user = this.#tables.users.get(userId);
    const identification = [...(user?.email_addresses ?? []), ...(user?.phone_numbers ?? [])].find((candidate) => candidate.id === id);
    if (!identification) throw new Error(`No email address or phone number ${id} on user ${userId}`);
    return applyChange<EmailAddressRecord | PhoneNumberRecord>(identification, (draft) => {
      draft.verification = verification;
      draft.updated_at = now;
    });
  }

  /** Puts `image` in place of the user's profile image, dropping the previous one. */
  setProfileImage(userId: string, image: ProfileImageRecord | null): User {
    const previous = this.#tables.users.get(userId)?.image_id;
    const user = this.updateUser(userId, (draft) => {
      draft.image_id = image?.id ?? null;
    });
    if (previous) this.#tables.profileImages.delete(previous);
    if (image) this.#tables.profileImages.set(image.id, image);
    return user;
  }

  profileImage(id: string): ProfileImage | undefined {
    return this.#tables.profileImages.get(id);
  }

  /** Revokes the user's active sessions, then removes the user (and their API keys) and announces `user.deleted`. */
  deleteUser(id: string): boolean {
    const user = this.#tables.users.get(id);
    if (!user) return false;
    // Sessions first, while the user still exists: their events carry it.
    this.revokeSessionsOfUser(id);
    for (const key of this.apiKeysOf(id)) this.#tables.apiKeys.delete(key.id);
    this.#tables.users.delete(id);
    if (user.image_id) this.#tables.profileImages.delete(user.image_id);
    this.#emitUser("user.deleted", user);
    return true;
  }

  /** Deep copies of every user, oldest first: what a state file holds. */
  snapshotUsers(): UserRecord[] {
    return [...this.#tables.users.values()]
      .sort((a, b) => a.created_at - b.created_at)
      .map((user) => {
        // Image bytes stay in memory, so a snapshot must not point at an image a restart would not have.
        const copy = structuredClone(user);
        delete copy.image_id;
        return copy;
      });
  }

  // Browsers and their clients ------------------------------------------------------------------

  createDevBrowser(now = Date.now()): { token: string; client: Client } {
    const client: ClientRecord = {
      id: newId("client"),
      session_ids: [],
      last_active_session_id: null,
      sign_in_id: null,
      sign_up_id: null,
      last_authentication_strategy: null,
      created_at: now,
      updated_at: now,
    };
    this.#tables.clients.set(client.id, client);
    const token = newId("dvb");
    this.#tables.devBrowsers.set(token, client.id);
    return { token, client };
  }

  clientForDevBrowser(token: string): Client | undefined {
    const clientId = this.#tables.devBrowsers.get(token);
    return clientId ? this.#tables.clients.get(clientId) : undefined;
  }

  client(id: string): Client | undefined {
    return this.#tables.clients.get(id);
  }

  /** Which attempts the browser has in progress, and how it last signed in. */
  updateClient(
    id: string,
    change: Partial<Pick<ClientRecord, "sign_in_id" | "sign_up_id" | "last_active_session_id" | "last_authentication_strategy">>,
  ): Client {
    const client = existing(this.#tables.clients, id, "client");
    return Object.assign(client, change);
  }

  // Sessions ------------------------------------------------------------------------------------

  session(id: string): Session | undefined {
    return this.#tables.sessions.get(id);
  }

  sessions(): Session[] {
    return [...this.#tables.sessions.values()];
  }

  sessionsOfUser(userId: string): Session[] {
    return this.sessions().filter((session) => session.user_id === userId);
  }

  /** A new active session; on a browser's client it replaces whatever that browser had (single-session mode). */
  createSession(userId: string, clientId: string | null, now = Date.now()): Session {
    const session: SessionRecord = {
      id: newId("sess"),
      user_id: userId,
      client_id: clientId,
      status: "active",
      created_at: now,
      updated_at: now,
      last_active_at: now,
      expire_at: now + SESSION_LIFETIME_MS,
      abandon_at: now + SESSION_LIFETIME_MS,
    };
    this.#tables.sessions.set(session.id, session);
    const user = this.#tables.users.get(userId);
    if (user) Object.assign(user, { last_sign_in_at: now, last_active_at: now });
    const client = clientId ? this.#tables.clients.get(clientId) : undefined;
    if (client) {
      for (const id of client.session_ids) {
        if (this.#tables.sessions.get(id)?.status === "active") this.endSession(id, "ended", now);
      }
      Object.assign(client, { session_ids: [session.id], last_active_session_id: session.id, updated_at: now });
    }
    this.#emitSession("session.created", session);
    return session;
  }

  endSession(id: string, status: Exclude<SessionStatus, "active">, now = Date.now()): Session {
    const session = existing(this.#tables.sessions, id, "session");
    const wasActive = session.status === "active";
    Object.assign(session, { status, updated_at: now });
    const event = SESSION_END_EVENTS[status];
    if (event && wasActive) this.#emitSession(event, session);
    const client = session.client_id ? this.#tables.clients.get(session.client_id) : undefined;
    if (client) {
      const sessionIds = client.session_ids.filter((sessionId) => sessionId !== id);
      const lastActive = client.last_active_session_id === id ? (sessionIds[0] ?? null) : client.last_active_session_id;
      Object.assign(client, { session_ids: sessionIds, last_active_session_id: lastActive, updated_at: now });
    }
    return session;
  }

  /** Ends every active session of the user but `except`. */
  revokeSessionsOfUser(userId: string, except: string | null = null): void {
    for (const session of this.sessionsOfUser(userId)) {
      if (session.status === "active" && session.id !== except) this.endSession(session.id, "revoked");
    }
  }

  /** clerk-js's "set active": the session becomes the browser's current one. */
  touchSession(id: string, now = Date.now()): Session {
    const session = existing(this.#tables.sessions, id, "session");
    session.last_active_at = now;
    const client = session.client_id ? this.#tables.clients.get(session.client_id) : undefined;
    if (client) client.last_active_session_id = id;
    return session;
  }

  recordSessionActivity(id: string, activity: SessionActivity): void {
    const session = this.#tables.sessions.get(id);
    if (session) session.activity = activity;
  }

  /** The client's sessions that may still be used, dropping any ended behind its back (Backend API revoke). */
  activeSessions(client: Client): Session[] {
    return client.session_ids
      .map((id) => this.#tables.sessions.get(id))
      .filter((session): session is SessionRecord => session?.status === "active" && this.#tables.users.has(session.user_id));
  }

  // Sign-in and sign-up attempts, sign-in tokens -----------------------------------------------

  signIn(id: string): SignIn | undefined {
    return this.#tables.signIns.get(id);
  }

  /** Starts a sign-in on the client, replacing the one it had in progress. */
  createSignIn(clientId: string, fields: Pick<SignInRecord, "identifier" | "user_id">, now = Date.now()): SignIn {
    const signIn: SignInRecord = {
      id: newId("sia"),
      ...fields,
      status: "needs_first_factor",
      first_factor: null,
      created_session_id: null,
      created_at: now,
    };
    this.#tables.signIns.set(signIn.id, signIn);
    this.updateClient(clientId, { sign_in_id: signIn.id });
    return signIn;
  }

  updateSignIn(id: string, change: (signIn: SignInRecord) => void): SignIn {
    const signIn = existing(this.#tables.signIns, id, "sign-in");
    return applyChange(signIn, change);
  }

  signUp(id: string): SignUp | undefined {
    return this.#tables.signUps.get(id);
  }

  /** Starts a sign-up on the client, replacing the one it had in progress. */
  createSignUp(clientId: string, now = Date.now()): SignUp {
    const signUp: SignUpRecord = {
      id: newId("sua"),
      status: "missing_requirements",
      email_address: null,
      phone_number: null,
      username: null,
      password_hash: null,
      first_name: null,
      last_name: null,
      unsafe_metadata: {},
      locale: null,
      email_verification: null,
      phone_verification: null,
      invitation_id: null,
      public_metadata: {},
      created_user_id: null,
      created_session_id: null,
      created_at: now,
    };
    this.#tables.signUps.set(signUp.id, signUp);
    this.updateClient(clientId, { sign_up_id: signUp.id });
    return signUp;
  }

  updateSignUp(id: string, change: (signUp: SignUpRecord) => void): SignUp {
    const signUp = existing(this.#tables.signUps, id, "sign-up");
    return applyChange(signUp, change);
  }

  signInToken(id: string): SignInToken | undefined {
    return this.#tables.signInTokens.get(id);
  }

  /** The sign-in token whose secret is `token` (a `ticket`). */
  signInTokenBySecret(token: string): SignInToken | undefined {
    return [...this.#tables.signInTokens.values()].find((candidate) => candidate.token === token);
  }

  createSignInToken(fields: Pick<SignInTokenRecord, "user_id" | "token" | "expire_at">, now = Date.now()): SignInToken {
    const token: SignInTokenRecord = { id: newId("sit"), ...fields, status: "pending", created_at: now, updated_at: now };
    this.#tables.signInTokens.set(token.id, token);
    return token;
  }

  setSignInTokenStatus(id: string, status: "accepted" | "revoked", now = Date.now()): SignInToken {
    const token = existing(this.#tables.signInTokens, id, "sign-in token");
    return Object.assign(token, { status, updated_at: now });
  }

  // JWT templates -------------------------------------------------------------------------------

  jwtTemplate(id: string): JwtTemplate | undefined {
    return this.#tables.jwtTemplates.get(id);
  }

  jwtTemplateByName(name: string): JwtTemplate | undefined {
    return [...this.#tables.jwtTemplates.values()].find((template) => template.name === name);
  }

  /** Oldest first. */
  jwtTemplates(): JwtTemplate[] {
    return [...this.#tables.jwtTemplates.values()];
  }

  createJwtTemplate(fields: Omit<JwtTemplateRecord, "id" | "created_at" | "updated_at">, now = Date.now()): JwtTemplate {
    const template: JwtTemplateRecord = { id: newId("jtmp"), ...structuredClone(fields), created_at: now, updated_at: now };
    this.#tables.jwtTemplates.set(template.id, template);
    return template;
  }

  updateJwtTemplate(id: string, fields: Omit<JwtTemplateRecord, "id" | "created_at" | "updated_at">, now = Date.now()): JwtTemplate {
    const template = existing(this.#tables.jwtTemplates, id, "JWT template");
    return Object.assign(template, structuredClone(fields), { updated_at: now });
  }

  deleteJwtTemplate(id: string): boolean {
    return this.#tables.jwtTemplates.delete(id);
  }

  // Invitations ---------------------------------------------------------------------------------

  invitation(id: string): Invitation | undefined {
    return this.#tables.invitations.get(id);
  }

  /** Every invitation, oldest first. */
  invitations(): Invitation[] {
    return [...this.#tables.invitations.values()];
  }

  /** The invitation whose secret is `ticket`. */
  invitationByTicket(ticket: string): Invitation | undefined {
    return this.invitations().find((invitation) => invitation.ticket === ticket);
  }

  createInvitation(fields: Omit<InvitationRecord, "id" | "status" | "created_at" | "updated_at">, now = Date.now()): Invitation {
    const invitation: InvitationRecord = { id: newId("inv"), ...structuredClone(fields), status: "pending", created_at: now, updated_at: now };
    this.#tables.invitations.set(invitation.id, invitation);
    return invitation;
  }

  setInvitationStatus(id: string, status: "accepted" | "revoked", now = Date.now()): Invitation {
    const invitation = existing(this.#tables.invitations, id, "invitation");
    return Object.assign(invitation, { status, updated_at: now });
  }

  // API keys ------------------------------------------------------------------------------------

  apiKey(id: string): ApiKey | undefined {
    return this.#tables.apiKeys.get(id);
  }

  /** The key whose secret hashes to `secretHash`. */
  apiKeyBySecretHash(secretHash: string): ApiKey | undefined {
    return [...this.#tables.apiKeys.values()].find((key) => key.secret_hash === secretHash);
  }

  /** Every key of `subject`, oldest first. */
  apiKeysOf(subject: string): ApiKey[] {
    return [...this.#tables.apiKeys.values()].filter((key) => key.subject === subject);
  }

  createApiKey(fields: Omit<ApiKeyRecord, "id" | "revoked" | "revocation_reason" | "last_used_at" | "created_at" | "updated_at">, id: string, now = Date.now()): ApiKey {
    const key: ApiKeyRecord = { id, ...structuredClone(fields), revoked: false, revocation_reason: null, last_used_at: null, created_at: now, updated_at: now };
    this.#tables.apiKeys.set(key.id, key);
    return key;
  }

  /** What an update may change: the description, claims, scopes and expiration. */
  updateApiKey(id: string, change: Partial<Pick<ApiKeyRecord, "description" | "claims" | "scopes" | "expiration">>, now = Date.now()): ApiKey {
    const key = existing(this.#tables.apiKeys, id, "API key");
    return Object.assign(key, structuredClone(change), { updated_at: now });
  }

  revokeApiKey(id: string, reason: string | null, now = Date.now()): ApiKey {
    const key = existing(this.#tables.apiKeys, id, "API key");
    return Object.assign(key, { revoked: true, revocation_reason: reason, updated_at: now });
  }

  /** A successful verification: when the key was last used, not a change to it. */
  recordApiKeyUse(id: string, now = Date.now()): ApiKey {
    const key = existing(this.#tables.apiKeys, id, "API key");
    return Object.assign(key, { last_used_at: now });
  }

  deleteApiKey(id: string): boolean {
    return this.#tables.apiKeys.delete(id);
  }
}
