package dev.tally.http.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.OrgId;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.http.json.Json;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A cached upstream item is shown as upstream sent it, every digit of its decimals included. */
class CatalogEntryViewTest {
  @Test
  void keepsTheTrailingZerosOfASyncedDecimal() throws Exception {
    CatalogEntry model =
        new CatalogEntry(
            SyncEntity.LLMAGE,
            "MiniMax-M3",
            2,
            Optional.of("MiniMax M3"),
            Optional.empty(),
            "{\"id\":\"MiniMax-M3\",\"ratio\":1.000,\"price\":0.50,\"context\":1000000}",
            Instant.parse("2026-03-01T00:00:00Z"));

    String shown = Json.mapper().writeValueAsString(CatalogRoutes.EntryView.of(model));

    assertThat(shown)
        .contains("\"ratio\":1.000")
        .contains("\"price\":0.50")
        .contains("\"context\":1000000");
  }

  @Test
  void showsAUserWithTheOrgSyncedFromThePlatformsFieldNames() throws Exception {
    CatalogEntry user =
        new CatalogEntry(
            SyncEntity.USERS,
            "u-1",
            3,
            Optional.of("alice"),
            Optional.of(OrgId.of("acme")),
            "{\"id\":\"u-1\",\"username\":\"alice\",\"orgid\":\"acme\"}",
            Instant.parse("2026-03-01T00:00:00Z"));

    String shown = Json.mapper().writeValueAsString(CatalogRoutes.EntryView.of(user));

    assertThat(shown).contains("\"name\":\"alice\"").contains("\"org_id\":\"acme\"");
  }
}
