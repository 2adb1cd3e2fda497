package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.List;

/** Cuts one page out of every matching row, as {@code LIMIT ... OFFSET ...} with a count. */
final class Pages {
  private Pages() {}

  /** The page {@code request} asks for of {@code matching} (already filtered and ordered). */
  static <T> Page<T> of(List<T> matching, PageRequest request) {
    checkNotNull(request, "page request");
    int from = (int) Math.min(request.offset(), matching.size());
    int to = (int) Math.min(from + (long) request.size(), matching.size());
    return Page.of(matching.subList(from, to), request, matching.size());
  }
}
