package dev.tally.cli.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command made of subcommands: run alone, it prints its usage. */
abstract class CommandGroup implements Runnable {
  /** The heading of each command's example in its {@code --help}. */
  static final String EXAMPLE = "%nExample:%n";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
