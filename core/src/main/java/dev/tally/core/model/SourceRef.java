package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Where a use comes from ({@code source_ref_table}, {@code source_ref_id}): the idempotency key of
 * a use. The same key is charged at most once.
 */
public record SourceRef(String table, String id) {
  private static final TextShape TABLE = TextShape.lettersDigitsAnd("_.:-", 1, 64);

  public SourceRef {
    checkNotNull(table, "source_ref_table");
    checkArgument(
        TABLE.matches(table),
        "source_ref_table must be 1 to 64 letters, digits or _.:- characters: '%s'",
        table);
    id = Ids.check(id, "source_ref_id");
  }

  public static SourceRef of(String table, String id) {
    return new SourceRef(table, id);
  }

  @Override
  public String toString() {
    return table + "/" + id;
  }
}
