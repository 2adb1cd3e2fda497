package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Issued;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally apikey create|list|revoke}: API keys, shown once at creation. */
@Command(
    name = "apikey",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally apikey create --role customer --org acme --user alice",
    subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
public final class ApiKeyCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tally apikey create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key and print it once.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally apikey create --role service --json")
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--role", required = true, description = "admin, service or customer.")
    String role;

    @Option(names = "--org", description = "The customer's org (required for --role customer).")
    String org;

    @Option(names = "--user", description = "The user the key belongs to.")
    String user;

    @Option(names = "--expires", description = "When the key stops working (ISO-8601 UTC).")
    Instant expires;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      // checked before the database is opened: a mistyped command touches nothing
      Role chosen = Role.fromCode(role);
      if (chosen == Role.CUSTOMER && org == null) {
        throw new IllegalArgumentException(
            "--role customer needs --org ORG: a customer key only reaches its own org");
      }
      CreateApiKey command =
          new CreateApiKey(
              chosen,
              Optional.ofNullable(org).map(OrgId::of),
              Optional.ofNullable(user).map(UserId::of),
              Optional.empty(),
              Optional.ofNullable(expires));
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        Issued<ApiKey> issued = tally.credentials().createKey(command);
        if (json) {
          out.printf(
              "{\"id\":\"%s\",\"role\":\"%s\",\"key\":\"%s\"}%n",
              issued.issued().id(), issued.issued().role().code(), issued.secret());
        } else {
          out.println("key id: " + issued.issued().id());
          out.println("key: " + issued.secret());
          out.println("(shown once: Tally keeps only its SHA-256)");
        }
      }
      return 0;
    }
  }

  /** {@code tally apikey list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys (never the keys themselves).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally apikey list --csv")
  static final class ListKeys extends DatabaseCommand {
    @Override
    int run(Tally tally) {
      List<Row> rows =
          Paging.all(tally.credentials()::keys).stream()
              .map(
                  key ->
                      Row.of()
                          .put("id", key.id())
                          .put("role", key.role().code())
                          .put("org", key.orgId().map(OrgId::value))
                          .put("user", key.userId().map(UserId::value))
                          .put("app_id", key.appId())
                          .put("expires", key.expiresAt())
                          .put("revoked", key.revokedAt()))
              .toList();
      output.list(rows, List.of("id", "role", "org", "expires", "revoked"));
      return 0;
    }
  }

  /** {@code tally apikey revoke ID}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a key by its id.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally apikey revoke KEY_ID")
  static final class Revoke implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The key's id (not the key).")
    String id;

    @Override
    public Integer call() {
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        ApiKey revoked = tally.credentials().revokeKey(id);
        spec.commandLine().getOut().println("revoked " + revoked.id() + " at " + revoked.revokedAt().orElseThrow());
      }
      return 0;
    }
  }
}
