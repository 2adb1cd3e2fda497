package dev.tally.http.route;

import dev.tally.core.model.CodeSet;
import dev.tally.core.port.in.CodeSets;
import dev.tally.http.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /code-sets}: every code set with the label of each code ({@code appcodes_kv}), for
 * any authenticated caller, so that front ends show {@code billing_mode} {@code "1"} as its label.
 */
final class CodeSetRoutes {
  private final CodeSets codeSets;

  CodeSetRoutes(CodeSets codeSets) {
    this.codeSets = codeSets;
  }

  /** A code set as the API shows it. */
  record CodeSetView(String id, String name, List<LabelView> codes) {
    static CodeSetView of(CodeSet set) {
      return new CodeSetView(
          set.id(),
          set.name(),
          set.codes().stream().map(label -> new LabelView(label.code(), label.label())).toList());
    }
  }

  /** One code and its label. */
  record LabelView(String code, String label) {}

  void register(RoutesConfig routes) {
    routes.get(Api.path("/code-sets"), this::list);
  }

  private void list(Context ctx) {
    Access.principal(ctx);
    ctx.json(Views.page(Views.pageOf(codeSets.all(), Params.page(ctx)), CodeSetView::of));
  }
}
