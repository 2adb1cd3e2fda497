package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;

/** Which page of a list to return: pages start at 1; at most {@value #MAX_SIZE} items a page. */
public record PageRequest(int page, int size) {
  public static final int MAX_SIZE = 1000;
  public static final int DEFAULT_SIZE = 50;

  public PageRequest {
    checkArgument(page >= 1, "page starts at 1: %s", page);
    checkArgument(
        size >= 1 && size <= MAX_SIZE, "page_size must be 1 to %s: %s", MAX_SIZE, size);
  }

  public static PageRequest first(int size) {
    return new PageRequest(1, size);
  }

  public static PageRequest firstPage() {
    return new PageRequest(1, DEFAULT_SIZE);
  }

  /** How many items come before this page. */
  public long offset() {
    return (long) (page - 1) * size;
  }
}
