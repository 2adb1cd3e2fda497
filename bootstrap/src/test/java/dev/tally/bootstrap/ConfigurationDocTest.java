package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key the loader knows, with its default. */
class ConfigurationDocTest {
  @Test
  void documentsEveryKeyWithItsDefault() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"));

    for (Map.Entry<String, String> key : ConfigKeys.DEFAULTS.entrySet()) {
      String shownDefault = key.getValue().isEmpty() ? "(empty)" : "`" + key.getValue() + "`";
      assertThat(doc)
          .as("docs/configuration.md documents %s", key.getKey())
          .contains("| `" + key.getKey() + "` | " + shownDefault + " |");
    }
  }
}
