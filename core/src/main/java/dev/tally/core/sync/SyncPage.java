package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * One page of the upstream protocol {@code {"items":[...],"next":"<cursor>","has_more":bool}}.
 *
 * @param next the cursor to ask for the following page (and to resume from after a crash)
 */
public record SyncPage(List<SyncChange> changes, Optional<String> next, boolean hasMore) {
  public SyncPage {
    changes = ImmutableList.copyOf(changes);
    checkNotNull(next, "next");
  }
}
