package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code tally} in-process against a config file of its own (an H2 file in a temp directory),
 * capturing what the command prints.
 */
final class Cli {
  private final Path configFile;

  private Cli(Path configFile) {
    this.configFile = configFile;
  }

  /** A config file in {@code dir} with the database there and {@code extraYaml} appended. */
  static Cli in(Path dir, String extraYaml) throws IOException {
    Path file = dir.resolve("tally.yaml");
    String url = "jdbc:h2:file:" + dir.resolve("tally") + ";WRITE_DELAY=0";
    Files.writeString(
        file, "database:\n  url: \"" + url + "\"\n" + extraYaml, StandardCharsets.UTF_8);
    return new Cli(file);
  }

  /** A config file in {@code dir} holding exactly {@code yaml}. */
  static Cli withConfig(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("tally.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new Cli(file);
  }

  static Cli in(Path dir) throws IOException {
    return in(dir, "");
  }

  Path configFile() {
    return configFile;
  }

  /** {@code tally args} with {@code --config} appended, as a user types it. */
  Result tally(String... args) {
    List<String> withConfig = new ArrayList<>(List.of(args));
    // before "--", after which every word is a positional parameter
    int end = withConfig.contains("--") ? withConfig.indexOf("--") : withConfig.size();
    withConfig.add(end, configFile.toString());
    withConfig.add(end, "--config");
    return bare(withConfig.toArray(String[]::new));
  }

  /** {@code tally args} exactly (no config option added). */
  static Result bare(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true)) {
      status = TallyCli.run(outWriter, errWriter, args);
    }
    return new Result(status, out.toString(), err.toString());
  }

  /** The configuration the commands read, for opening Tally beside them. */
  TallyConfig config() {
    return ConfigLoader.load(Optional.of(configFile)).withoutBackgroundWork();
  }

  /** Tally on the commands' database, to check what they did. */
  Tally open() {
    return Tally.open(config());
  }

  /** What a command did: its exit status and what it printed. */
  record Result(int status, String out, String err) {
    Result succeeded() {
      assertThat(status).as("exit status; stdout:%n%s%nstderr:%n%s", out, err).isZero();
      return this;
    }

    /** The value of the line {@code label: value} on stdout. */
    String line(String label) {
      return out.lines()
          .filter(line -> line.startsWith(label + ": "))
          .map(line -> line.substring(label.length() + 2).strip())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no '" + label + ":' line in:\n" + out));
    }
  }
}
