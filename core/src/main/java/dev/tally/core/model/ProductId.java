package dev.tally.core.model;

/** Identifies a {@link Product}. */
public record ProductId(String value) {
  public ProductId {
    Ids.check(value, "product id");
  }

  public static ProductId of(String value) {
    return new ProductId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
