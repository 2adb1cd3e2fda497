package dev.tally.core.model;

/** How {@code /stats/usage} groups the usage log. */
public enum StatsGrouping implements Codes.Coded {
  PRODUCT("product"),
  SUPPLIER("supplier"),
  ORG("org"),
  USER("user"),
  DAY("day");

  private final String code;

  StatsGrouping(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static StatsGrouping fromCode(String code) {
    return Codes.parse(StatsGrouping.class, code, "group_by");
  }
}
