package dev.tally.http.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads request JSON strictly: a key given twice in one object is refused (which one would count?),
 * and a number written with an exponent ({@code 1e2}) is kept apart, so that wherever a decimal is
 * due it can be refused like the string {@code "1e2"}: the API has one decimal syntax, {@value
 * #DECIMAL}, in bodies and query strings alike.
 */
public final class StrictJson {
  /** The one syntax of decimals, as strings and as JSON numbers. */
  public static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

  private static final Pattern DECIMAL_PATTERN = Pattern.compile(DECIMAL);

  private StrictJson() {}

  /** Whether {@code text} is a decimal in the API's syntax. */
  public static boolean isDecimal(String text) {
    return DECIMAL_PATTERN.matcher(text).matches();
  }

  /** Whether {@code node} is a JSON number written in the API's decimal syntax. */
  public static boolean isPlainNumber(JsonNode node) {
    return node.isNumber() && !(node instanceof ExponentNumber);
  }

  /** Parses one JSON document; fails on malformed JSON, a repeated key or trailing content. */
  public static JsonNode parse(String text) throws JsonProcessingException {
    MarkingFactory nodes = new MarkingFactory();
    var reader = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).with(nodes);
    try (JsonParser parser = new ExponentWatch(reader.createParser(text), nodes)) {
      JsonNode tree = reader.readTree(parser);
      if (parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(
            parser, "more content after the JSON value");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // a String source does no I/O
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON number that was written with an exponent. */
  private static final class ExponentNumber extends DecimalNode {
    private static final long serialVersionUID = 1L;

    ExponentNumber(BigDecimal value) {
      super(value);
    }
  }

  /** Makes the next decimal node an {@link ExponentNumber} when the parser saw one. */
  private static final class MarkingFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    private transient boolean nextIsExponent;

    @Override
    public ValueNode numberNode(BigDecimal value) {
      if (nextIsExponent && value != null) {
        nextIsExponent = false;
        return new ExponentNumber(value);
      }
      return super.numberNode(value);
    }
  }

  /** Tells the factory when the number token just read is not plain. */
  private static final class ExponentWatch extends JsonParserDelegate {
    private final MarkingFactory nodes;

    ExponentWatch(JsonParser parser, MarkingFactory nodes) {
      super(parser);
      this.nodes = nodes;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = super.nextToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        nodes.nextIsExponent = !isDecimal(getText());
      }
      return token;
    }
  }
}
