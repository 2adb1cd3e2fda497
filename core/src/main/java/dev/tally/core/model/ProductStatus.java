package dev.tally.core.model;

/** Lifecycle of a product: only a published product takes new subscriptions and pay-per-use. */
public enum ProductStatus implements Codes.Coded {
  /** Being set up; not sellable. */
  DRAFT("draft"),
  /** On sale. */
  PUBLISHED("published"),
  /** No new sales; existing subscriptions run to their end. */
  RETIRED("retired");

  private final String code;

  ProductStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static ProductStatus fromCode(String code) {
    return Codes.parse(ProductStatus.class, code, "product status");
  }
}
