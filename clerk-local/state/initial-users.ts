// The users the local Clerk starts with, in this order: the state file's (users persisted by an
// earlier run), the seed file's, then the demo user. A later source never replaces an earlier one's
// user with the same id, address or username; it skips it.
import type { LocalClerkConfig } from "../config";
import type { UserRecord } from "./records";
import { Store } from "./store";
import { addUsersFromEntries, readUsersFile } from "./user-files";

export function loadInitialUsers(config: LocalClerkConfig): UserRecord[] {
  const store = new Store();
  const sources = [
    { file: config.stateFile, label: "State file" },
    { file: config.seedFile, label: "Seed file" },
  ];
  for (const { file, label } of sources) {
    if (!file) continue;
    const entries = readUsersFile(file, label);
    if (entries) addUsersFromEntries(store, entries, file, label);
  }
  const demo = config.demoUser;
  const demoTaken = demo && (store.userByEmail(demo.email) || store.userByUsername(demo.username));
  if (demo && !demoTaken) {
    store.createUser(
      {
        email_addresses: [demo.email],
        password: demo.password,
        first_name: demo.firstName,
        last_name: demo.lastName,
        username: demo.username,
      },
      { announce: false },
    );
  }
  return store.snapshotUsers();
}
