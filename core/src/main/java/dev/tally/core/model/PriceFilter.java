package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Maps;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * One condition of a price line on a use: on its request attribute of that name or, when it has
 * none, on its usage count of that name (a dotted path such as {@code prompt_tokens} or {@code
 * prompt_tokens_details.cached_tokens}). A line applies only when all of its filters hold; a filter
 * on a value the use does not have does not hold. Values are compared by meaning, because the
 * platform types them in YAML ({@code SR: 1080}, {@code audio: true}) while callers send text:
 * {@code "1080"}, {@code 1080} and {@code 1080.0} are the same number, {@code "False"} and {@code
 * false} the same boolean. Immutable and thread-safe.
 */
public sealed interface PriceFilter permits PriceFilter.Equals, PriceFilter.Range {

  /** The attribute or usage count the filter reads. */
  String name();

  /** True when {@code value}, the text of the use's attribute or count, satisfies the filter. */
  boolean test(String value);

  /** The use's value must mean {@code value}: as numbers, as booleans, else as equal text. */
  record Equals(String name, String value) implements PriceFilter {
    public Equals {
      name = checkName(name);
      checkNotNull(value, "value of filter %s", name);
    }

    @Override
    public boolean test(String candidate) {
      if (candidate.equals(value)) {
        return true;
      }
      Optional<BigDecimal> number = ValueText.number(candidate);
      Optional<BigDecimal> wanted = ValueText.number(value);
      if (number.isPresent() && wanted.isPresent()) {
        return number.get().compareTo(wanted.get()) == 0;
      }
      Optional<Boolean> truth = ValueText.bool(candidate);
      return truth.isPresent() && truth.equals(ValueText.bool(value));
    }
  }

  /** A comparison of a range filter, with the name the platform's lists give it. */
  enum Bound {
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte");

    private final String code;

    Bound(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Bound fromCode(String code) {
      for (Bound bound : values()) {
        if (bound.code.equals(code)) {
          return bound;
        }
      }
      throw new IllegalArgumentException(
          "a range filter compares with gt, gte, lt or lte, not '" + code + "'");
    }

    boolean holds(BigDecimal value, BigDecimal limit) {
      int order = value.compareTo(limit);
      return switch (this) {
        case GT -> order > 0;
        case GTE -> order >= 0;
        case LT -> order < 0;
        case LTE -> order <= 0;
      };
    }
  }

  /**
   * The use's value must be a number within every bound, e.g. {@code {gt: 512000}} for prompts
   * longer than 512K tokens; a value that is not a number is outside every range.
   */
  record Range(String name, Map<Bound, BigDecimal> bounds) implements PriceFilter {
    public Range {
      name = checkName(name);
      bounds = ImmutableSortedMap.copyOf(Maps.transformValues(bounds, BigDecimal::stripTrailingZeros));
      checkArgument(!bounds.isEmpty(), "range filter %s has no bound", name);
    }

    @Override
    public boolean test(String candidate) {
      Optional<BigDecimal> number = ValueText.number(candidate);
      return number.isPresent()
          && bounds.entrySet().stream()
              .allMatch(bound -> bound.getKey().holds(number.get(), bound.getValue()));
    }
  }

  private static String checkName(String name) {
    checkNotNull(name, "filter name");
    checkArgument(!name.isBlank(), "a filter names an attribute or usage count");
    return name;
  }
}
