package dev.tally.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The output formats every command offers: an aligned table (or {@code label: value} lines) for
 * people, {@code --json} for scripts, {@code --csv} for spreadsheets. Colour (bold headings) only
 * when stdout is a terminal, as picocli's {@code Ansi.AUTO} decides.
 */
public final class Output {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--json", description = "Print JSON (an object, or an array for lists).")
  boolean json;

  @Option(names = "--csv", description = "Print CSV: a header line, then one line per row.")
  boolean csv;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  private void checkOneFormat() {
    if (json && csv) {
      throw new CommandLine.ParameterException(command.commandLine(), "choose one of --json and --csv");
    }
  }

  boolean isJson() {
    checkOneFormat();
    return json;
  }

  boolean isCsv() {
    checkOneFormat();
    return csv;
  }

  /** One thing: {@code label: value} lines, a JSON object, or a one-row CSV. */
  void item(Row row) {
    PrintWriter out = out();
    if (isJson()) {
      out.println(json(row));
    } else if (isCsv()) {
      csv(out, List.of(row), new ArrayList<>(row.fields().keySet()));
    } else {
      int width = row.fields().keySet().stream().mapToInt(name -> label(name).length()).max().orElse(0);
      for (String name : row.fields().keySet()) {
        if (row.get(name) instanceof Iterable<?> || row.get(name) instanceof Row) {
          continue; // nested rows are printed by the command as a table of their own
        }
        out.println(bold(pad(label(name) + ":", width + 1, false)) + " " + row.text(name));
      }
    }
    out.flush();
  }

  /**
   * Many things: a table of {@code columns} for people (JSON and CSV carry every field), a JSON
   * array, or CSV.
   */
  void list(List<Row> rows, List<String> columns) {
    PrintWriter out = out();
    if (isJson()) {
      out.println(json(rows));
    } else if (isCsv()) {
      List<String> all = rows.isEmpty() ? columns : new ArrayList<>(rows.get(0).fields().keySet());
      csv(out, rows, all);
    } else {
      table(out, rows, columns);
    }
    out.flush();
  }

  /** An aligned table: numbers right-aligned, everything else left-aligned. */
  static void table(PrintWriter out, List<Row> rows, List<String> columns) {
    int[] widths = new int[columns.size()];
    boolean[] numeric = new boolean[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = heading(columns.get(c)).length();
      boolean numbers = true;
      boolean anyNumber = false;
      for (Row row : rows) {
        String value = row.text(columns.get(c));
        widths[c] = Math.max(widths[c], value.length());
        boolean number = NUMBER.matcher(value).matches();
        anyNumber |= number;
        numbers &= number || value.equals("-");
      }
      // a column of amounts (some perhaps none) lines up on the right, like figures on paper
      numeric[c] = numbers && anyNumber;
    }
    StringBuilder header = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      String cell = pad(heading(columns.get(c)), widths[c], numeric[c]);
      header.append(c == 0 ? "" : "  ").append(c == columns.size() - 1 && !numeric[c] ? cell.stripTrailing() : cell);
    }
    out.println(bold(header.toString()));
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns.size(); c++) {
        line.append(c == 0 ? "" : "  ").append(pad(row.text(columns.get(c)), widths[c], numeric[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Rows as maps and lists, which Jackson writes as they are. */
  private static Object plain(Object value) {
    if (value instanceof Row row) {
      Map<String, Object> map = new LinkedHashMap<>();
      row.fields().forEach((name, field) -> map.put(name, plain(field)));
      return map;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(plain(item)));
      return list;
    }
    return value;
  }

  static void csv(PrintWriter out, List<Row> rows, List<String> columns) {
    out.println(String.join(",", columns.stream().map(Output::csvCell).toList()));
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        Object value = row.get(column);
        cells.add(csvCell(value == null ? "" : value instanceof Row || value instanceof Iterable<?> ? json(value) : value.toString()));
      }
      out.println(String.join(",", cells));
    }
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String heading(String name) {
    return name.replace('_', ' ').toUpperCase(Locale.ROOT);
  }

  private static String label(String name) {
    return name.replace('_', ' ');
  }

  private static String pad(String text, int width, boolean right) {
    String space = " ".repeat(Math.max(0, width - text.length()));
    return right ? space + text : text + space;
  }

  private static String bold(String text) {
    return CommandLine.Help.Ansi.AUTO.enabled() ? CommandLine.Help.Ansi.AUTO.string("@|bold " + text + "|@") : text;
  }
}
