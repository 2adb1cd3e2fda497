package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.cli.ExitCodes;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.http.json.BadRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally import usage FILE}: many uses at once, each judged as {@code tally use} judges one. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import data in bulk.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally import usage calls-2026-03.csv",
    subcommands = ImportCommand.Usage.class)
public final class ImportCommand extends CommandGroup {

  @Command(
      name = "usage",
      mixinStandardHelpOptions = true,
      description = {
        "Record the uses of a CSV or JSON-lines file, in batches, as `tally use` records one.",
        "A JSON line has the fields of POST /api/v1/usage; a CSV header names the same fields, with"
            + " usage.<factor> and attributes.<name> columns for the two maps. Each line's"
            + " source_ref_table/source_ref_id is its idempotency key: importing a file again replays"
            + " what was recorded and charges nothing. Refused lines are written, with their reasons,"
            + " to a CSV file (line, code, reason, content); the exit status is then 11.",
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally import usage calls-2026-03.jsonl --refused refused.csv")
  static final class Usage extends DatabaseCommand {
    private static final int PROGRESS_EVERY_MILLIS = 200;

    @Parameters(paramLabel = "FILE", description = "The file: .csv, or .jsonl/.ndjson (JSON lines).")
    Path file;

    @Option(names = "--format", description = "csv or jsonl (default: from the file's extension).")
    String format;

    @Option(names = "--refused", paramLabel = "FILE", description = "Where refused lines go (default: FILE.refused.csv).")
    Path refusedFile;

    @Option(names = "--batch-size", defaultValue = "500", description = "Uses recorded per call of the use case (default: ${DEFAULT-VALUE}).")
    int batchSize;

    private boolean csv;

    @Override
    void check() {
      String chosen = format != null ? format.toLowerCase(Locale.ROOT) : extension(file);
      switch (chosen) {
        case "csv" -> csv = true;
        case "jsonl", "ndjson", "json" -> csv = false;
        default -> throw new IllegalArgumentException(
            "cannot tell the format of " + file + ": name it .csv or .jsonl, or give --format csv|jsonl");
      }
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("--batch-size must be from 1 to 10000");
      }
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read " + file);
      }
    }

    private static String extension(Path path) {
      String name = path.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    int run(Tally tally) {
      Path refusedPath = refusedFile != null ? refusedFile : file.resolveSibling(file.getFileName() + ".refused.csv");
      Progress progress = new Progress(totalLines());
      Tallies tallies = new Tallies();
      List<Refusal> refusals = new ArrayList<>();
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        List<String> header = null;
        List<Parsed> batch = new ArrayList<>(batchSize);
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          if (csv && header == null) {
            header = CsvLine.split(line);
            continue;
          }
          tallies.lines++;
          try {
            UseCommand command = csv ? UseLines.fromCsv(header, CsvLine.split(line)) : UseLines.fromJson(line);
            batch.add(new Parsed(number, line, command));
          } catch (BadRequest | IllegalArgumentException unreadable) {
            refusals.add(new Refusal(number, ErrorCode.VALIDATION_FAILED.code(), unreadable.getMessage(), line));
          }
          if (batch.size() == batchSize) {
            record(tally, batch, tallies, refusals);
            progress.show(number);
          }
        }
        record(tally, batch, tallies, refusals);
        progress.done();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      tallies.refused = refusals.size();
      if (!refusals.isEmpty()) {
        writeRefusals(refusedPath, refusals);
      }
      print(tallies, refusals.isEmpty() ? null : refusedPath);
      return refusals.isEmpty() ? 0 : ExitCodes.CHECK_FAILED;
    }

    /** Records a batch through the bulk use case; each use keeps its own outcome. */
    private static void record(Tally tally, List<Parsed> batch, Tallies tallies, List<Refusal> refusals) {
      if (batch.isEmpty()) {
        return;
      }
      List<UseOutcome> outcomes = tally.metering().useAll(batch.stream().map(Parsed::command).toList());
      for (int i = 0; i < outcomes.size(); i++) {
        Parsed parsed = batch.get(i);
        if (outcomes.get(i) instanceof UseOutcome.Accepted accepted) {
          if (accepted.result().replayed()) {
            tallies.replayed++;
          } else {
            tallies.accepted++;
          }
        } else if (outcomes.get(i) instanceof UseOutcome.Refused refused) {
          refusals.add(new Refusal(parsed.number(), refused.code().code(), refused.message(), parsed.line()));
        }
      }
      batch.clear();
    }

    private long totalLines() {
      if (!isTerminal()) {
        return 0;
      }
      try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        return lines.count();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }

    private boolean isTerminal() {
      return System.console() != null && !output.isJson();
    }

    private static void writeRefusals(Path path, List<Refusal> refusals) {
      try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
        Output.csv(
            writer,
            refusals.stream()
                .map(r -> Row.of().put("line", r.number()).put("code", r.code()).put("reason", r.reason()).put("content", r.line()))
                .toList(),
            List.of("line", "code", "reason", "content"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path, e);
      }
    }

    private void print(Tallies tallies, Path refusedPath) {
      Row summary =
          Row.of()
              .put("file", file.toString())
              .put("lines", tallies.lines)
              .put("accepted", tallies.accepted)
              .put("replayed", tallies.replayed)
              .put("refused", tallies.refused)
              .put("refused_file", refusedPath == null ? null : refusedPath.toString());
      if (output.isJson() || output.isCsv()) {
        output.item(summary);
      } else {
        output.out().printf(
            "%s: %d line(s): %d accepted, %d replayed, %d refused%s%n",
            file, tallies.lines, tallies.accepted, tallies.replayed, tallies.refused,
            refusedPath == null ? "" : " (see " + refusedPath + ")");
        output.out().flush();
      }
    }

    /** A progress bar on stderr, only on a terminal; redrawn at most every 200 ms. */
    private final class Progress {
      private final long total;
      private final boolean shown = isTerminal();
      private long lastDrawn;

      Progress(long total) {
        this.total = total;
      }

      void show(long line) {
        long now = System.currentTimeMillis();
        if (!shown || now - lastDrawn < PROGRESS_EVERY_MILLIS) {
          return;
        }
        lastDrawn = now;
        PrintWriter err = spec.commandLine().getErr();
        err.print(ProgressBar.line((int) Math.min(line, total), (int) total, "lines") + "\r");
        err.flush();
      }

      void done() {
        if (shown) {
          PrintWriter err = spec.commandLine().getErr();
          err.println(ProgressBar.line((int) total, (int) total, "lines"));
          err.flush();
        }
      }
    }

    private static final class Tallies {
      long lines;
      long accepted;
      long replayed;
      long refused;
    }

    private record Parsed(int number, String line, UseCommand command) {}

    private record Refusal(int number, String code, String reason, String line) {}
  }
}
