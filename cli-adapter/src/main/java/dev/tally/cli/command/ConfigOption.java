package dev.tally.cli.command;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config} option every command shares. */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      description = "The config file (default: $TALLY_CONFIG, else built-in defaults).",
      paramLabel = "FILE")
  Path file;

  /** The configuration: defaults, then the file, then TALLY_* environment variables. */
  public TallyConfig load() {
    return ConfigLoader.load(Optional.ofNullable(file));
  }

  /** The file given with {@code --config}, if any. */
  Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
