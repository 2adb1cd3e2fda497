package dev.tally.cli.command;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tally completion}: a bash (and zsh) completion script for every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script for tally; load it with source.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = {"  source <(tally completion)", "  tally completion > /etc/bash_completion.d/tally"})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("tally", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
