package dev.tally.core.model;

/** Whether a supplier link may serve uses of its resource. */
public enum LinkStatus implements Codes.Coded {
  /** May be chosen. */
  ACTIVE("active"),
  /** Kept but never chosen. */
  INACTIVE("inactive");

  private final String code;

  LinkStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static LinkStatus fromCode(String code) {
    return Codes.parse(LinkStatus.class, code, "supplier link status");
  }
}
