package dev.tally.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.bootstrap.Tally;
import dev.tally.core.auth.ApiApp;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.ImportReport;
import dev.tally.core.port.in.ImportedCredential;
import dev.tally.core.port.in.Issued;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.CredentialLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tally app create|list|disable|enable|delete|import}: the calling applications that sign
 * requests (HMAC) or seal Deerer tokens, and the import of the platform's apps and keys as they
 * are (JSON lines, the format of {@code POST /api/v1/apps/import}). A secret is printed once, when
 * Tally makes it.
 */
@Command(
    name = "app",
    mixinStandardHelpOptions = true,
    description = "Register, list, disable, enable and delete calling apps; import the platform's apps and keys.",
    footerHeading = AppCommand.EXAMPLE,
    footer = "  tally app import platform-credentials.jsonl",
    subcommands = {
      AppCommand.Create.class,
      AppCommand.ListApps.class,
      AppCommand.Disable.class,
      AppCommand.Enable.class,
      AppCommand.Delete.class,
      AppCommand.Import.class
    })
public final class AppCommand implements Runnable {
  /** The heading of each command's example in its {@code --help}. */
  static final String EXAMPLE = "%nExample:%n";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static ObjectNode json(ApiApp app) {
    ObjectNode node = JSON.createObjectNode();
    node.put("app_id", app.appId());
    node.put("name", app.name());
    node.put("org_id", app.orgId().map(OrgId::value).orElse(null));
    node.put("role", app.role().code());
    app.allowedIps().forEach(node.putArray("allowed_ips")::add);
    node.put("enabled", app.enabled());
    node.put("created_at", app.createdAt().toString());
    return node;
  }

  /** {@code tally app create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Register an app and print its id and secret (the secret only this once).",
      footerHeading = EXAMPLE,
      footer = "  tally app create --name shop --org acme --allow-ip 10.0.0.0/8")
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, description = "What the app is, for people.")
    String name;

    @Option(names = "--org", description = "The org the app acts for, as its customer (none: a service).")
    String org;

    @Option(names = "--allow-ip", description = "An address or CIDR range the app may call from (repeatable).")
    List<String> allowedIps = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      CreateApiApp command = new CreateApiApp(name, Optional.ofNullable(org).map(OrgId::of), allowedIps);
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        Issued<ApiApp> issued = tally.credentials().createApp(command);
        if (json) {
          out.println(json(issued.issued()).put("secret", issued.secret()));
        } else {
          out.println("app id: " + issued.issued().appId());
          out.println("secret: " + issued.secret());
          out.println("(shown once: Tally keeps it sealed with security.master_key)");
        }
      }
      return 0;
    }
  }

  /** {@code tally app list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List apps, newest first (never their secrets).",
      footerHeading = EXAMPLE,
      footer = "  tally app list --json")
  static final class ListApps implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        List<ApiApp> apps = new ArrayList<>();
        Page<ApiApp> page;
        int number = 1;
        do {
          page = tally.credentials().apps(new PageRequest(number++, PageRequest.MAX_SIZE));
          apps.addAll(page.items());
        } while (apps.size() < page.total() && !page.items().isEmpty());
        if (json) {
          out.println(JSON.createArrayNode().addAll(apps.stream().map(AppCommand::json).toList()));
        } else {
          out.printf("%-32s  %-20s  %-12s  %-8s  %-7s  %s%n", "APP ID", "NAME", "ORG", "ROLE", "ENABLED", "ALLOWED IPS");
          for (ApiApp app : apps) {
            out.printf(
                "%-32s  %-20s  %-12s  %-8s  %-7s  %s%n",
                app.appId(),
                app.name(),
                app.orgId().map(OrgId::value).orElse("-"),
                app.role().code(),
                app.enabled() ? "yes" : "no",
                app.allowedIps().isEmpty() ? "any" : String.join(",", app.allowedIps()));
          }
        }
      }
      return 0;
    }
  }

  /** Disable, enable or delete one app by its id. */
  private abstract static class Change implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "APP_ID", description = "The app's id.")
    String appId;

    /** What is done, and how the outcome reads. */
    abstract BiFunction<Tally, String, ApiApp> change();

    abstract String done();

    @Override
    public Integer call() {
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        ApiApp app = change().apply(tally, appId);
        spec.commandLine().getOut().println(done() + " app " + app.appId());
      }
      return 0;
    }
  }

  /** {@code tally app disable APP_ID}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable an app: its signed requests, Deerer tokens and keys are refused.",
      footerHeading = EXAMPLE,
      footer = "  tally app disable shop-app")
  static final class Disable extends Change {
    @Override
    BiFunction<Tally, String, ApiApp> change() {
      return (tally, id) -> tally.credentials().disableApp(id);
    }

    @Override
    String done() {
      return "disabled";
    }
  }

  /** {@code tally app enable APP_ID}. */
  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled app again.",
      footerHeading = EXAMPLE,
      footer = "  tally app enable shop-app")
  static final class Enable extends Change {
    @Override
    BiFunction<Tally, String, ApiApp> change() {
      return (tally, id) -> tally.credentials().enableApp(id);
    }

    @Override
    String done() {
      return "enabled";
    }
  }

  /** {@code tally app delete APP_ID}. */
  @Command(
      name = "delete",
      aliases = "revoke",
      mixinStandardHelpOptions = true,
      description = "Delete an app and revoke its keys.",
      footerHeading = EXAMPLE,
      footer = "  tally app delete shop-app")
  static final class Delete extends Change {
    @Override
    BiFunction<Tally, String, ApiApp> change() {
      return (tally, id) -> tally.credentials().deleteApp(id);
    }

    @Override
    String done() {
      return "deleted (its keys revoked)";
    }
  }

  /** {@code tally app import FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import the platform's apps and keys as they are, from JSON lines, all or none.",
        "A line is {\"type\": \"app\", \"app_id\", \"secret\", \"name\", \"org_id\", \"allowed_ips\", \"enabled\"}"
            + " or {\"type\": \"key\", \"key\" or \"key_sha256\", \"role\", \"org_id\", \"user_id\", \"app_id\","
            + " \"id\", \"enabled_at\", \"expires_at\"} (see docs/api.md)."
      },
      footerHeading = EXAMPLE,
      footer = "  tally app import platform-credentials.jsonl")
  static final class Import implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JSON-lines file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      // read and checked before the database is opened: a bad file touches nothing
      List<ImportedCredential> credentials;
      try {
        credentials = CredentialLines.parse(read());
      } catch (BadRequest refused) {
        throw new IllegalArgumentException(refused.getMessage());
      }
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        ImportReport report = tally.credentials().importCredentials(credentials);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.printf("{\"apps\":%d,\"keys\":%d}%n", report.apps(), report.keys());
        } else {
          out.printf("imported %d app(s) and %d key(s)%n", report.apps(), report.keys());
        }
      }
      return 0;
    }

    private String read() {
      try {
        if (file.equals("-")) {
          InputStream in = System.in;
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
