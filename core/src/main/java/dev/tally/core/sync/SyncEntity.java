package dev.tally.core.sync;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What Tally pulls from upstream into its local caches. */
public enum SyncEntity {
  /** Users and their orgs ({@code users_cache}). */
  USERS("users"),
  /** Pricing programmes ({@code pricing_cache}). */
  PRICING("pricing"),
  /** Upstream APIs ({@code uapi_cache}). */
  UAPI("uapi"),
  /** LLM models ({@code llmage_cache}). */
  LLMAGE("llmage");

  private final String code;

  SyncEntity(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static SyncEntity fromCode(String code) {
    for (SyncEntity entity : values()) {
      if (entity.code.equals(code)) {
        return entity;
      }
    }
    throw new IllegalArgumentException(
        "sync entity must be one of "
            + Arrays.stream(values()).map(SyncEntity::code).collect(Collectors.joining(", "))
            + ": '"
            + code
            + "'");
  }
}
