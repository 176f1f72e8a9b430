// `/v1/jwt_templates`: what clerkClient.jwtTemplates calls.
import { readJson } from "../http/body";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { jwtTemplateJSON } from "../json/jwt-template";
import type { Store } from "../state/store";
import { JwtTemplateBodySchema } from "./bodies";
import { createJwtTemplate, jwtTemplateOr404, updateJwtTemplate } from "./jwt-templates";
import { listPage } from "./query";

export function declareJwtTemplateRoutes(routes: RouteMethods, { store }: { store: Store }): void {
  routes.get("/v1/jwt_templates", (c) => c.json(listPage(c, store.jwtTemplates(), jwtTemplateJSON)));

  routes.post("/v1/jwt_templates", async (c) => {
    const body = parseInput(JwtTemplateBodySchema, await readJson(c, { jsonOnly: true }));
    return c.json(jwtTemplateJSON(createJwtTemplate(store, body)));
  });

  routes.get("/v1/jwt_templates/:id", (c) => c.json(jwtTemplateJSON(jwtTemplateOr404(store, c.req.param("id")))));

  routes.patch("/v1/jwt_templates/:id", async (c) => {
    const body = parseInput(JwtTemplateBodySchema, await readJson(c, { jsonOnly: true }));
    return c.json(jwtTemplateJSON(updateJwtTemplate(store, c.req.param("id"), body)));
  });

  routes.delete("/v1/jwt_templates/:id", (c) => {
    const id = jwtTemplateOr404(store, c.req.param("id")).id;
    store.deleteJwtTemplate(id);
    return c.json({ object: "jwt_template", id, deleted: true });
  });
}
