package dev.tally.bootstrap.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the embedding example and keeps docs/embedding.md showing exactly its code. */
class EmbeddingExampleTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/tally/bootstrap/example/EmbeddingExample.java");
  private static final Path DOC = Path.of("../docs/embedding.md");

  @TempDir Path data;

  @Test
  void runsAndPrintsTheChargeTheBalanceAndACleanLedger() {
    TallyConfig config =
        ConfigLoader.load(
            Optional.empty(),
            Map.of("TALLY_DATABASE_URL", "jdbc:h2:file:" + data.resolve("tally") + ";WRITE_DELAY=0"));
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    EmbeddingExample.run(config, new PrintStream(output, true, StandardCharsets.UTF_8));

    // 12,345 tokens x 0.00002 = 0.2469; cost 12,345 x 0.00001 = 0.12345
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("charged 0.246900 CNY, cost 0.123450 CNY")
        .contains("balance 9.753100 CNY")
        .contains("ledger clean: true");
  }

  @Test
  void isQuotedWordForWordInTheEmbeddingGuide() throws IOException {
    String source = Files.readString(SOURCE);
    String example =
        source.substring(
            source.indexOf("// example:start") + "// example:start".length(),
            source.indexOf("  // example:end"));

    assertThat(linesOf(Files.readString(DOC))).contains(linesOf(example));
  }

  /** The text with each line's surrounding spaces removed: the doc un-indents the code. */
  private static String linesOf(String text) {
    return text.lines().map(String::strip).collect(Collectors.joining("\n")).strip();
  }
}
