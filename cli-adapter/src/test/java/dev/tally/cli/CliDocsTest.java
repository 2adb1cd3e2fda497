package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example of docs/cli.md, in order, on a database of its own, and compares what each
 * command prints with what the page shows. Values that differ from run to run are compared by
 * shape: ids (32 hex digits), times, dates, API keys and app secrets; runs of blanks count as one,
 * since a longer or shorter value moves a table's columns.
 *
 * <p>The page's syntax: a {@code ```console} block holds {@code $ tally ...} commands, each
 * followed by its stdout, its stderr, and {@code [exit status N]} when not 0. {@code $ NAME=$(tally
 * ... | jq -r FILTER)} runs the command, passes its output through jq, and keeps the result for
 * {@code $NAME} in later commands; {@code $ cat FILE} prints a file. A block opened with {@code
 * ```csv file=NAME} (or jsonl, yaml) is written to that file first, each $NAME in it replaced. Run with {@code
 * -Dtally.docs.record=true} to write the real output into the page instead of comparing.
 */
class CliDocsTest {
  private static final Path PAGE = Path.of("../docs/cli.md");
  private static final Pattern FILE_BLOCK = Pattern.compile("```\\w+ file=(\\S+)");
  private static final Pattern CAPTURE = Pattern.compile("([A-Z][A-Z0-9_]*)=\\$\\((tally .*) \\| jq -r (.*)\\)");
  private static final Pattern HEAD = Pattern.compile("(.*) \\| head -(\\d+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z][A-Z0-9_]*)");

  @TempDir Path dir;

  private final Map<String, String> variables = new HashMap<>();
  private Cli cli;

  @Test
  void everyExampleWorksAsPrinted() throws Exception {
    cli = Cli.in(dir, "security:\n  master_key: \"docs-master-key-0123456789abcdef\"\n");
    boolean record = Boolean.getBoolean("tally.docs.record");
    List<String> page = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
    List<String> written = new ArrayList<>();
    int examples = 0;
    for (int i = 0; i < page.size(); i++) {
      String line = page.get(i);
      written.add(line);
      Matcher file = FILE_BLOCK.matcher(line);
      if (file.matches()) {
        StringBuilder content = new StringBuilder();
        for (i++; !page.get(i).equals("```"); i++) {
          content.append(page.get(i)).append('\n');
          written.add(page.get(i));
        }
        written.add(page.get(i));
        Files.writeString(dir.resolve(file.group(1)), substitute(content.toString()), StandardCharsets.UTF_8);
      } else if (line.equals("```console")) {
        for (i++; !page.get(i).equals("```"); ) {
          String command = page.get(i).substring(2);
          written.add(page.get(i));
          for (i++; command.endsWith("\\"); i++) {
            command = command.substring(0, command.length() - 1) + " " + page.get(i).strip();
            written.add(page.get(i));
          }
          List<String> expected = new ArrayList<>();
          for (; !page.get(i).startsWith("$ ") && !page.get(i).equals("```"); i++) {
            expected.add(page.get(i));
          }
          List<String> actual = run(command);
          examples++;
          if (record) {
            written.addAll(actual);
          } else {
            written.addAll(expected);
            assertThat(normalize(actual)).as("output of $ %s", command).isEqualTo(normalize(expected));
          }
        }
        written.add(page.get(i));
      }
    }
    assertThat(examples).as("examples on the page").isGreaterThan(40);
    if (record) {
      Files.writeString(PAGE, String.join("\n", written) + "\n", StandardCharsets.UTF_8);
    }
  }

  /** What a command prints: stdout, stderr, and its exit status unless 0. */
  private List<String> run(String command) throws IOException, InterruptedException {
    Matcher capture = CAPTURE.matcher(command);
    if (capture.matches()) {
      Cli.Result result = tally(capture.group(2)).succeeded();
      variables.put(capture.group(1), jq(result.out(), unquote(capture.group(3))));
      return List.of();
    }
    Matcher head = HEAD.matcher(command);
    if (head.matches()) {
      return run(head.group(1)).stream().limit(Integer.parseInt(head.group(2))).toList();
    }
    if (command.startsWith("cat ")) {
      return Files.readAllLines(dir.resolve(command.substring(4).strip()), StandardCharsets.UTF_8);
    }
    assertThat(command).as("a docs example").startsWith("tally ");
    Cli.Result result = tally(command);
    List<String> lines = new ArrayList<>();
    String shown = (result.out() + result.err()).replace(dir.toString() + "/", "");
    shown.lines().forEach(line -> lines.add(line.stripTrailing()));
    if (result.status() != 0) {
      lines.add("[exit status " + result.status() + "]");
    }
    return lines;
  }

  private Cli.Result tally(String command) {
    List<String> args = new ArrayList<>();
    for (String word : words(command).subList(1, words(command).size())) {
      // the page's files are in the test's directory
      args.add(Files.exists(dir.resolve(word)) || word.endsWith(".csv") || word.endsWith(".jsonl")
          ? dir.resolve(word).toString() : word);
    }
    boolean withoutDatabase = args.contains("--config") || args.get(0).equals("completion");
    return withoutDatabase ? Cli.bare(args.toArray(String[]::new)) : cli.tally(args.toArray(String[]::new));
  }

  /** The command's words as a shell splits them: quotes, and $NAME outside single quotes. */
  private List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '$' && quote == '"') {
          i = variable(command, i, word);
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '$') {
        i = variable(command, i, word);
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** A file's text with each $NAME replaced by its value. */
  private String substitute(String text) {
    Matcher name = VARIABLE.matcher(text);
    StringBuilder replaced = new StringBuilder();
    while (name.find()) {
      assertThat(variables).as("variables set before a file using $%s", name.group(1)).containsKey(name.group(1));
      name.appendReplacement(replaced, Matcher.quoteReplacement(variables.get(name.group(1))));
    }
    return name.appendTail(replaced).toString();
  }

  private int variable(String command, int at, StringBuilder word) {
    Matcher name = VARIABLE.matcher(command).region(at, command.length());
    assertThat(name.lookingAt()).as("a $NAME in %s", command).isTrue();
    assertThat(variables).as("variables set before %s", command).containsKey(name.group(1));
    word.append(variables.get(name.group(1)));
    return name.end() - 1;
  }

  private static String unquote(String text) {
    return text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
  }

  private static String jq(String json, String filter) throws IOException, InterruptedException {
    Process jq = new ProcessBuilder("jq", "-r", filter).start();
    jq.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    jq.getOutputStream().close();
    String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(jq.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(jq.exitValue()).as("jq -r %s", filter).isZero();
    assertThat(out).as("jq -r %s", filter).isNotEmpty().doesNotContain("null");
    return out;
  }

  /** The output with what changes from run to run replaced by its kind. */
  static List<String> normalize(List<String> lines) {
    return lines.stream()
        .map(
            line ->
                line.replaceAll("[0-9a-f]{32}", "<id>")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\d", "<date>")
                    .replaceAll("tly_[A-Za-z0-9_-]+", "tly_<key>")
                    .replaceAll("(secret\"?:\\s*\"?)[A-Za-z0-9_+/=-]+", "$1<secret>")
                    .replaceAll("\\s+", " ")
                    .strip())
        .toList();
  }
}
