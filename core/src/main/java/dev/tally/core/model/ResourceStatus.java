package dev.tally.core.model;

/** Whether a product's resource binding is in force; an unbound row is kept for history. */
public enum ResourceStatus implements Codes.Coded {
  /** Bound; uses may be recorded against it. */
  ACTIVE("active"),
  /** Unbound; kept so that past usage still resolves. */
  UNBOUND("unbound");

  private final String code;

  ResourceStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static ResourceStatus fromCode(String code) {
    return Codes.parse(ResourceStatus.class, code, "resource status");
  }
}
