package dev.tally.sync.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reading upstream JSON strictly and exactly: decimals become {@link BigDecimal} from their text,
 * never through a {@code double}, with their trailing zeros kept; duplicate keys and text after the
 * document are errors. Each reader names where the field is ({@code price_lists[0].lines[1].unit})
 * in the {@link UnreadablePageException} it throws.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Json() {}

  /** True when the field is absent or JSON {@code null}. */
  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** A text field, or an integer given as a number (ids and cursors upstream may number). */
  static Optional<String> text(JsonNode node, String where) {
    if (absent(node)) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return Optional.of(node.textValue());
    }
    if (node.isIntegralNumber()) {
      return Optional.of(node.asText());
    }
    throw new UnreadablePageException(where + " is not a string: " + abbreviate(node));
  }

  static String requiredText(JsonNode node, String where) {
    return text(node, where).orElseThrow(() -> new UnreadablePageException(where + " is missing"));
  }

  /** A decimal given as a JSON number or as a string holding one, read exactly. */
  static BigDecimal decimal(JsonNode node, String where) {
    if (absent(node)) {
      throw new UnreadablePageException(where + " is missing");
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw new UnreadablePageException(where + " is not a decimal: " + abbreviate(node));
      }
    }
    throw new UnreadablePageException(where + " is not a number: " + abbreviate(node));
  }

  /** A whole number, as a JSON integer or a string of digits. */
  static long wholeNumber(JsonNode node, String where) {
    BigDecimal value = decimal(node, where);
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new UnreadablePageException(where + " is not a whole number: " + abbreviate(node));
    }
  }

  /**
   * A date as {@code yyyy-MM-dd}; a date-time's time of day ({@code T...} or {@code " ..."}) is
   * dropped.
   */
  static LocalDate date(JsonNode node, String where) {
    String text = requiredText(node, where).strip();
    if (text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')) {
      text = text.substring(0, 10);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UnreadablePageException(where + " is not a date (yyyy-MM-dd): " + abbreviate(node));
    }
  }

  static JsonNode requiredObject(JsonNode node, String where) {
    if (absent(node)) {
      throw new UnreadablePageException(where + " is missing");
    }
    if (!node.isObject()) {
      throw new UnreadablePageException(where + " is not an object: " + abbreviate(node));
    }
    return node;
  }

  static JsonNode requiredArray(JsonNode node, String where) {
    if (absent(node)) {
      throw new UnreadablePageException(where + " is missing");
    }
    if (!node.isArray()) {
      throw new UnreadablePageException(where + " is not an array: " + abbreviate(node));
    }
    return node;
  }

  /** The node as JSON, cut to a length that fits an error message. */
  static String abbreviate(JsonNode node) {
    return abbreviate(node.toString());
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
