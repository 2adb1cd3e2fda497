package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.out.Clock;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one page of the upstream protocol, {@code {"items":[...],"next":"<cursor>",
 * "has_more":true|false}}, into core's {@link SyncPage}: an item with {@code deleted: true} is a
 * tombstone; any other item is mapped by its entity (users, uapi and llmage to a {@link
 * CatalogEntry} holding the item's JSON, pricing to a programme). One malformed item makes the
 * whole page unreadable, so that a sync never stores half a page nor skips an item silently.
 * Thread-safe.
 */
final class PageReader {
  /** The longest id the cache tables hold ({@code VARCHAR(32)}). */
  static final int MAX_ID_LENGTH = 32;

  /** The longest name the cache tables hold ({@code VARCHAR(255)}). */
  static final int MAX_NAME_LENGTH = 255;

  private static final Pattern ID_CHARACTERS = Pattern.compile("[A-Za-z0-9_.:@-]+");

  private final Clock clock;

  PageReader(Clock clock) {
    this.clock = checkNotNull(clock, "clock");
  }

  /**
   * The page {@code text} holds.
   *
   * @throws UnreadablePageException saying what is wrong and, for an item, which one
   */
  SyncPage read(SyncEntity entity, String text, Optional<String> cursor) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UnreadablePageException(
          "the body is not JSON (" + Json.abbreviate(e.getOriginalMessage()) + ")");
    }
    if (Json.absent(root)) {
      throw new UnreadablePageException("the body is empty");
    }
    if (!root.isObject()) {
      throw new UnreadablePageException("the body is not a JSON object: " + Json.abbreviate(root));
    }
    JsonNode items = root.get("items");
    if (Json.absent(items) || !items.isArray()) {
      throw new UnreadablePageException("the page has no \"items\" array");
    }
    // an empty cursor is none: there is nothing to resume from
    Optional<String> next =
        Json.text(root.get("next"), "\"next\"").filter(value -> !value.isEmpty());
    boolean hasMore = hasMore(root.get("has_more"));
    if (hasMore && next.isEmpty()) {
      throw new UnreadablePageException("\"has_more\" is true but \"next\" is missing");
    }
    if (hasMore && next.equals(cursor)) {
      throw new UnreadablePageException(
          "\"has_more\" is true but \"next\" is the cursor asked for: the feed would never end");
    }
    Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);
    List<SyncChange> changes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      changes.add(change(entity, items.get(i), i, now));
    }
    return new SyncPage(changes, next, hasMore);
  }

  private static boolean hasMore(JsonNode node) {
    if (Json.absent(node)) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new UnreadablePageException(
          "\"has_more\" is not true or false: " + Json.abbreviate(node));
    }
    return node.booleanValue();
  }

  private static SyncChange change(SyncEntity entity, JsonNode item, int index, Instant now) {
    if (!item.isObject()) {
      throw new UnreadablePageException(
          "item #" + index + " is not an object: " + Json.abbreviate(item));
    }
    String id = id(item, index);
    try {
      if (isTombstone(item)) {
        return new SyncChange.Tombstone(id);
      }
      long version = Json.wholeNumber(item.get("version"), "version");
      if (version < 0) {
        throw new UnreadablePageException("version is negative: " + version);
      }
      if (entity == SyncEntity.PRICING) {
        return new SyncChange.UpsertProgram(PricingProgramReader.read(id, version, item));
      }
      return new SyncChange.Upsert(
          new CatalogEntry(
              entity, id, version, name(entity, item), orgId(entity, item), item.toString(), now));
    } catch (UnreadablePageException e) {
      throw new UnreadablePageException("item '" + id + "': " + e.getMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      // a core record refused a value: its precondition message says which and why
      throw new UnreadablePageException("item '" + id + "': " + e.getMessage());
    }
  }

  private static String id(JsonNode item, int index) {
    String id;
    try {
      id = Json.requiredText(item.get("id"), "id");
    } catch (UnreadablePageException e) {
      throw new UnreadablePageException("item #" + index + ": " + e.getMessage());
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new UnreadablePageException(
          "item '"
              + Json.abbreviate(id)
              + "': id is "
              + id.length()
              + " characters long, more than the "
              + MAX_ID_LENGTH
              + " the cache tables hold");
    }
    if (!ID_CHARACTERS.matcher(id).matches()) {
      throw new UnreadablePageException(
          "item '" + id + "': id holds characters other than letters, digits and _.:@-");
    }
    return id;
  }

  private static boolean isTombstone(JsonNode item) {
    JsonNode deleted = item.get("deleted");
    if (Json.absent(deleted)) {
      return false;
    }
    if (!deleted.isBoolean()) {
      throw new UnreadablePageException(
          "deleted is not true or false: " + Json.abbreviate(deleted));
    }
    return deleted.booleanValue();
  }

  /**
   * {@code name}; for users also {@code user_name} (the cache's column) or {@code username} (the
   * platform's field), the first present.
   */
  private static Optional<String> name(SyncEntity entity, JsonNode item) {
    Optional<String> name = Json.text(item.get("name"), "name");
    if (name.isEmpty() && entity == SyncEntity.USERS) {
      name = Json.text(item.get("user_name"), "user_name");
    }
    if (name.isEmpty() && entity == SyncEntity.USERS) {
      name = Json.text(item.get("username"), "username");
    }
    name.ifPresent(
        text -> {
          if (text.length() > MAX_NAME_LENGTH) {
            throw new UnreadablePageException(
                "name is longer than " + MAX_NAME_LENGTH + " characters");
          }
        });
    return name.filter(text -> !text.isBlank());
  }

  /** A user's {@code org_id}, or {@code orgid} as the platform names it. */
  private static Optional<OrgId> orgId(SyncEntity entity, JsonNode item) {
    if (entity != SyncEntity.USERS) {
      return Optional.empty();
    }
    Optional<String> org = Json.text(item.get("org_id"), "org_id").filter(text -> !text.isEmpty());
    if (org.isEmpty()) {
      org = Json.text(item.get("orgid"), "orgid").filter(text -> !text.isEmpty());
    }
    return org.map(OrgId::of);
  }
}
