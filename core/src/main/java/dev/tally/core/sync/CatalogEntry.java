package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import java.time.Instant;
import java.util.Optional;

/**
 * One cached upstream item of users, uapi or llmage: what Tally reads of it (id, version, name,
 * org) and the item itself as upstream sent it (JSON text, kept opaque: core does not parse it).
 *
 * @param name the user's name ({@code user_name}) or the item's name; at most {@value
 *     #MAX_NAME_LENGTH} characters
 * @param orgId the user's org, for users; always empty for the other entities, whose tables have
 *     no org
 * @param cachedAt when Tally stored it (a sync stamps the entries it stores with its clock)
 */
public record CatalogEntry(
    SyncEntity entity,
    String id,
    long version,
    Optional<String> name,
    Optional<OrgId> orgId,
    String json,
    Instant cachedAt) {

  /** The longest name kept ({@code user_name} / {@code name} are VARCHAR(255)). */
  public static final int MAX_NAME_LENGTH = 255;

  public CatalogEntry {
    checkNotNull(entity, "entity");
    checkArgument(entity != SyncEntity.PRICING, "pricing programmes are cached as PricingProgram");
    checkNotNull(id, "id");
    checkArgument(id.matches("[A-Za-z0-9_.:@-]{1,32}"), "catalog id is malformed: '%s'", id);
    checkNotNull(name, "name");
    name.ifPresent(
        present ->
            checkArgument(
                present.length() <= MAX_NAME_LENGTH,
                "the name of %s %s is longer than %s characters",
                entity.code(),
                id,
                MAX_NAME_LENGTH));
    checkNotNull(orgId, "org id");
    checkArgument(
        entity == SyncEntity.USERS || orgId.isEmpty(),
        "only users belong to an org, not %s",
        entity);
    checkNotNull(json, "json");
    checkNotNull(cachedAt, "cached at");
  }

  /** This entry as stored at {@code instant}. */
  public CatalogEntry withCachedAt(Instant instant) {
    return new CatalogEntry(entity, id, version, name, orgId, json, instant);
  }
}
