package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

/**
 * Not a test: {@code tally import usage} of a generated file of 100,000 uses (Chat Pro, pay per
 * use, customer acme of the demo, recharged enough), timed once and reported in lines per second.
 * The database is the one the arguments name (default: an H2 file in a new temp directory). Run it
 * with {@code scripts/import-benchmark.sh [LINES] [DATABASE_URL]}.
 */
public final class ImportBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("tally-import-bench");
    String url = args.length > 1 ? args[1] : "jdbc:h2:file:" + dir.resolve("tally") + ";WRITE_DELAY=0";
    Path config = dir.resolve("tally.yaml");
    Files.writeString(config, "database:\n  url: \"" + url + "\"\n", StandardCharsets.UTF_8);

    run(config, "demo");
    run(config, "balance", "recharge", "acme", "1000000", "--reference", "bench-" + System.nanoTime());
    JsonNode products = JSON.readTree(run(config, "product", "list", "--json"));
    String chat =
        StreamSupport.stream(products.spliterator(), false)
            .filter(product -> product.path("product_name").asText().equals("Chat Pro"))
            .findFirst().orElseThrow().path("id").asText();

    // source ids unique to this run (at most 32 characters), so that a shared database takes them all
    String run = Long.toString(System.currentTimeMillis(), 36);
    Path file = dir.resolve("calls.csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("product_id,user_id,user_org_id,used_amount,used_unit,usage.prompt_tokens,usage.completion_tokens,"
          + "source_ref_table,source_ref_id\n");
      for (int i = 0; i < lines; i++) {
        int prompt = 100 + i % 1000;
        int completion = 10 + i % 300;
        out.write(chat + ",user-" + (i % 50) + ",acme," + (prompt + completion) + ",token," + prompt + ","
            + completion + ",bench_request," + run + "-" + i + "\n");
      }
    }

    long started = System.nanoTime();
    String summary = run(config, "import", "usage", file.toString(), "--json");
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println(summary.strip());
    System.out.printf("imported %d lines in %.1f s: %.0f lines/s (database %s)%n", lines, seconds, lines / seconds,
        url.replaceAll("[;?].*", ""));

    long againStarted = System.nanoTime();
    String again = run(config, "import", "usage", file.toString(), "--json");
    double againSeconds = (System.nanoTime() - againStarted) / 1e9;
    System.out.println(again.strip());
    System.out.printf("again (all replays) in %.1f s: %.0f lines/s%n", againSeconds, lines / againSeconds);
    System.out.println(run(config, "ledger", "verify").strip());
  }

  private static String run(Path config, String... args) throws IOException {
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = config.toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = TallyCli.run(new PrintWriter(out, true), new PrintWriter(err, true), withConfig);
    if (status != 0) {
      throw new IllegalStateException("tally " + String.join(" ", args) + " exited " + status + ": " + err + out);
    }
    return out.toString();
  }
}
