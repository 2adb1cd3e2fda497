package dev.tally.cli.command;

/** A one-line text progress bar: {@code [#####-----] 2/4 message}. */
final class ProgressBar {
  private static final int WIDTH = 20;

  private ProgressBar() {}

  static String line(int done, int total, String message) {
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + message;
  }
}
