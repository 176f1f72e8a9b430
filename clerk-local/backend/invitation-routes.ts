// `/v1/invitations`: create (one or a bulk), list and revoke invitations to sign up.
import { readJson, readJsonList } from "../http/body";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { invitationJSON } from "../json/invitation";
import type { Instance } from "../settings/instance";
import type { Store } from "../state/store";
import { CreateBulkInvitationsBodySchema, CreateInvitationBodySchema } from "./bodies";
import { createInvitations, listInvitations, revokeInvitation, type InvitingInstance } from "./invitations";
import { listPage } from "./query";

export function declareInvitationRoutes(routes: RouteMethods, { store, instance }: { store: Store; instance: Instance }): void {
  // Read on each request: the instance's settings may change while the server runs.
  const inviting = (): InvitingInstance => ({ userSettings: instance.userSettings, signUpUrl: instance.settings.display_config.sign_up_url });

  routes.post("/v1/invitations", async (c) => {
    const body = parseInput(CreateInvitationBodySchema, await readJson(c, { jsonOnly: true }));
    const [invitation] = createInvitations(store, inviting(), [body]);
    return c.json(invitationJSON(invitation!));
  });

  routes.post("/v1/invitations/bulk", async (c) => {
    const bodies = parseInput(CreateBulkInvitationsBodySchema, await readJsonList(c));
    return c.json(createInvitations(store, inviting(), bodies).map((invitation) => invitationJSON(invitation)));
  });

  routes.get("/v1/invitations", (c) => c.json(listPage(c, listInvitations(c, store), invitationJSON)));

  routes.post("/v1/invitations/:id/revoke", (c) => c.json(invitationJSON(revokeInvitation(store, c.req.param("id")))));
}
