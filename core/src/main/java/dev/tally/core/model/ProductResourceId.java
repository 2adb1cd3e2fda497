package dev.tally.core.model;

/** Identifies a {@link ProductResource} binding. */
public record ProductResourceId(String value) {
  public ProductResourceId {
    Ids.check(value, "product resource id");
  }

  public static ProductResourceId of(String value) {
    return new ProductResourceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
