package dev.tally.core.model;

/** Outcome of a hold: every hold ends in exactly one of settled, voided or expired. */
public enum HoldStatus implements Codes.Coded {
  /** Reserving its amount. */
  HELD("held"),
  /** Charged the actual amount; the rest was released. */
  SETTLED("settled"),
  /** Released without a charge. */
  VOIDED("voided"),
  /** Released because its time ran out. */
  EXPIRED("expired");

  private final String code;

  HoldStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static HoldStatus fromCode(String code) {
    return Codes.parse(HoldStatus.class, code, "hold status");
  }
}
