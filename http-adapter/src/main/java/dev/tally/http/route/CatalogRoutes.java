package dev.tally.http.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.http.auth.Access;
import dev.tally.http.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * The synced catalogue caches: users ({@code GET /users/{id}}, {@code GET /users?org_id=}; a
 * customer only its own org's), LLM models ({@code GET /llms}) and upstream APIs ({@code GET
 * /uapis}). Each entry is shown with the item as upstream sent it.
 */
final class CatalogRoutes {
  private final Sync sync;

  CatalogRoutes(Sync sync) {
    this.sync = sync;
  }

  /** A cached upstream item. */
  record EntryView(
      String id, long version, String name, String orgId, JsonNode data, Instant cachedAt) {

    static EntryView of(CatalogEntry entry) {
      return new EntryView(
          entry.id(),
          entry.version(),
          entry.name().orElse(null),
          entry.orgId().map(OrgId::value).orElse(null),
          parse(entry.json()),
          entry.cachedAt());
    }

    private static JsonNode parse(String json) {
      try {
        return Json.mapper().readTree(json);
      } catch (JsonProcessingException e) {
        return Json.mapper().getNodeFactory().textNode(json);
      }
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/users"), this::users);
    routes.get(Api.path("/users/{user_id}"), this::user);
    routes.get(Api.path("/llms"), ctx -> list(ctx, SyncEntity.LLMAGE));
    routes.get(Api.path("/uapis"), ctx -> list(ctx, SyncEntity.UAPI));
  }

  private void users(Context ctx) {
    Optional<OrgId> org = Access.orgFilter(ctx, Params.query(ctx, "org_id", OrgId::of));
    ctx.json(Views.page(sync.entries(SyncEntity.USERS, org, Params.page(ctx)), EntryView::of));
  }

  private void user(Context ctx) {
    String id = ctx.pathParam("user_id");
    CatalogEntry user =
        sync.entry(SyncEntity.USERS, id).orElseThrow(() -> TallyException.notFound("user", id));
    if (Access.isCustomer(ctx)) {
      Access.requireOrg(
          ctx, user.orgId().orElseThrow(() -> TallyException.notFound("user", id)));
    }
    ctx.json(EntryView.of(user));
  }

  private void list(Context ctx, SyncEntity entity) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    ctx.json(Views.page(sync.entries(entity, Optional.empty(), Params.page(ctx)), EntryView::of));
  }
}
