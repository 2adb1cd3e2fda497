package dev.tally.bootstrap.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The lines a crash child reports on stdout, one whole line per write: {@code READY} once open,
 * {@code BEGIN USE <ref>} before a use is sent, {@code ACK <what> ...} after a call returned,
 * {@code REFUSED} and {@code ERROR} when one did not. Each line ends with {@value #END}, so that a
 * line cut by the kill is recognised and ignored.
 */
final class Report {
  static final String END = ";";
  static final String READY = "READY";
  static final String BEGIN = "BEGIN";
  static final String ACK = "ACK";
  static final String REFUSED = "REFUSED";
  static final String ERROR = "ERROR";

  private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

  private Report() {}

  /** Writes one line in a single write (well under the pipe's atomic size). */
  static void line(String... words) {
    byte[] bytes = (String.join(" ", words) + " " + END + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (STDOUT) {
      try {
        STDOUT.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The words of a complete line; empty for a line cut short or not from the protocol. */
  static Optional<List<String>> parse(String line) {
    List<String> words = List.of(line.strip().split(" +"));
    if (words.size() < 2 || !words.get(words.size() - 1).equals(END)) {
      return Optional.empty();
    }
    return Optional.of(words.subList(0, words.size() - 1));
  }

  /** A message on one line, without the separator, for ERROR lines. */
  static String oneWord(String text) {
    return String.valueOf(text).replaceAll("\\s+", "_").replace(END, ",");
  }
}
