package dev.tally.http.route;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.ImportReport;
import dev.tally.core.port.in.Issued;
import dev.tally.http.auth.Access;
import dev.tally.http.json.CredentialLines;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Calling applications (admin only): register one (its secret shown once), list, show, disable,
 * enable and delete them, and import the platform's apps and keys as they are (JSON lines), so
 * that its clients keep working with Tally. A secret or key never appears in an answer but the one
 * that made it.
 */
final class AppRoutes {
  /** The path of one app. */
  private static final String ONE = "/apps/{app_id}";

  /** The route that takes JSON lines. */
  static final String IMPORT = Api.path("/apps/import");

  private final Credentials credentials;

  AppRoutes(Credentials credentials) {
    this.credentials = credentials;
  }

  /** An app as the API shows it: never its secret. */
  record AppView(
      String appId,
      String name,
      String orgId,
      String role,
      List<String> allowedIps,
      boolean enabled,
      Instant createdAt) {

    static AppView of(ApiApp app) {
      return new AppView(
          app.appId(),
          app.name(),
          app.orgId().map(OrgId::value).orElse(null),
          app.role().code(),
          app.allowedIps(),
          app.enabled(),
          app.createdAt());
    }
  }

  /** A new app with its secret, shown this once. */
  record IssuedAppView(
      String appId,
      String name,
      String orgId,
      String role,
      List<String> allowedIps,
      boolean enabled,
      Instant createdAt,
      String secret) {

    static IssuedAppView of(Issued<ApiApp> issued) {
      AppView app = AppView.of(issued.issued());
      return new IssuedAppView(
          app.appId(), app.name(), app.orgId(), app.role(), app.allowedIps(), app.enabled(),
          app.createdAt(), issued.secret());
    }
  }

  /** What an import stored. */
  record ImportView(int apps, int keys) {
    static ImportView of(ImportReport report) {
      return new ImportView(report.apps(), report.keys());
    }
  }

  void register(RoutesConfig routes) {
    routes.post(Api.path("/apps"), this::create);
    routes.get(Api.path("/apps"), this::list);
    routes.post(IMPORT, this::importLines);
    routes.get(Api.path(ONE), this::show);
    routes.post(Api.path(ONE + "/disable"), ctx -> change(ctx, credentials::disableApp));
    routes.post(Api.path(ONE + "/enable"), ctx -> change(ctx, credentials::enableApp));
    routes.delete(Api.path(ONE), ctx -> change(ctx, credentials::deleteApp));
  }

  private void create(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("name", "org_id", "allowed_ips"));
    CreateApiApp command =
        Commands.build(
            () ->
                new CreateApiApp(
                    body.text("name"), body.optionalValue("org_id", OrgId::of), body.textList("allowed_ips")));
    ctx.status(201).json(IssuedAppView.of(credentials.createApp(command)));
  }

  private void list(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ctx.json(Views.page(credentials.apps(Params.page(ctx)), AppView::of));
  }

  private void show(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ctx.json(AppView.of(credentials.app(ctx.pathParam("app_id"))));
  }

  /** Disable, enable or delete: an admin's, with no body. */
  private void change(Context ctx, Function<String, ApiApp> change) {
    Access.require(ctx, Role.ADMIN);
    ctx.json(AppView.of(change.apply(ctx.pathParam("app_id"))));
  }

  private void importLines(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ctx.status(201).json(ImportView.of(credentials.importCredentials(CredentialLines.parse(ctx.body()))));
  }
}
