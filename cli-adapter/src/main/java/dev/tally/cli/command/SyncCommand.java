package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally sync run [entity...]} and {@code tally sync status}. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Pull the upstream catalogues (users, pricing, uapi, llmage) or show their state.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally sync status",
    subcommands = {SyncCommand.Run.class, SyncCommand.Status.class})
public final class SyncCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tally sync run}: pulls the named entities (all when none), one after another. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Sync now; exits 9 if a sync failed.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally sync run pricing llmage")
  static final class Run implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
        arity = "0..*",
        paramLabel = "ENTITY",
        description = "users, pricing, uapi or llmage (default: all).")
    List<String> entities;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<SyncEntity> chosen =
          entities == null || entities.isEmpty()
              ? Arrays.asList(SyncEntity.values())
              : entities.stream().map(SyncEntity::fromCode).toList();
      TallyConfig loaded = config.load().withoutBackgroundWork();
      if (!loaded.sync().isConfigured()) {
        // said once, and nothing recorded: a failed state per entity would only mislead `status`
        PrintWriter err = spec.commandLine().getErr();
        err.println("tally: no upstream is configured (sync.base_url is empty); nothing to sync");
        err.flush();
        return 9;
      }
      boolean failed = false;
      try (Tally tally = Tally.open(loaded)) {
        for (int i = 0; i < chosen.size(); i++) {
          SyncEntity entity = chosen.get(i);
          if (System.console() != null) {
            // on a terminal, show what is running; the finished line overwrites it
            out.print(ProgressBar.line(i, chosen.size(), "syncing " + entity.code() + " ...") + "\r");
            out.flush();
          }
          SyncReport report = tally.sync().run(entity);
          out.println(ProgressBar.line(i + 1, chosen.size(), describe(report)));
          failed |= report.outcome() == SyncReport.Outcome.FAILED;
        }
      }
      return failed ? 9 : 0;
    }

    private static String describe(SyncReport report) {
      String entity = report.entity().code();
      return switch (report.outcome()) {
        case COMPLETED ->
            String.format(
                "%s: %d item(s) (%d deleted) in %d page(s), %d retr%s, %d ms",
                entity,
                report.upserted() + report.deleted(),
                report.deleted(),
                report.pages(),
                report.retries(),
                report.retries() == 1 ? "y" : "ies",
                report.elapsed().toMillis());
        case BUSY -> entity + ": another server is syncing it now";
        case FAILED -> entity + ": FAILED: " + report.error().orElse("unknown error");
      };
    }
  }

  /** {@code tally sync status}: every entity's cursor, last success and last error. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show each entity's sync state.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally sync status --json")
  static final class Status extends DatabaseCommand {
    @Override
    int run(Tally tally) {
      List<Row> rows = new java.util.ArrayList<>();
      for (SyncState state : tally.sync().states()) {
        rows.add(
            Row.of()
                .put("entity", state.entity().code())
                .put("status", state.status().code())
                .put("items", state.itemsSynced())
                .put("last_success", state.lastSuccessAt().map(Instant::toString).orElse("never"))
                .put("last_error", state.lastError()));
      }
      output.list(rows, List.of("entity", "status", "items", "last_success", "last_error"));
      return 0;
    }
  }
}
