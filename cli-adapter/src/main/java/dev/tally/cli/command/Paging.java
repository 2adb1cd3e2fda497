package dev.tally.cli.command;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --page} and {@code --page-size} of a list command. */
final class Paging {
  @Option(names = "--page", defaultValue = "1", description = "Which page to show (default: ${DEFAULT-VALUE}).")
  int page;

  @Option(
      names = "--page-size",
      defaultValue = "50",
      description = "Rows per page, at most 1000 (default: ${DEFAULT-VALUE}).")
  int size;

  PageRequest request() {
    if (page < 1 || size < 1 || size > PageRequest.MAX_SIZE) {
      throw new IllegalArgumentException(
          "--page must be 1 or more and --page-size from 1 to " + PageRequest.MAX_SIZE);
    }
    return new PageRequest(page, size);
  }

  /** Every page, one after another: for exports and whole lists. */
  static <T> List<T> all(Function<PageRequest, Page<T>> reader) {
    List<T> all = new ArrayList<>();
    for (int number = 1; ; number++) {
      Page<T> page = reader.apply(new PageRequest(number, PageRequest.MAX_SIZE));
      all.addAll(page.items());
      if (page.items().isEmpty() || all.size() >= page.total()) {
        return all;
      }
    }
  }

  /** A line under a table that does not show everything: how to see the rest. */
  static void footer(Output output, Page<?> shown) {
    if (!output.isJson() && !output.isCsv() && shown.total() > (long) (shown.page() - 1) * shown.pageSize() + shown.items().size()) {
      output.out().printf(
          "(page %d: %d of %d; --page %d for more)%n",
          shown.page(), shown.items().size(), shown.total(), shown.page() + 1);
    }
  }
}
