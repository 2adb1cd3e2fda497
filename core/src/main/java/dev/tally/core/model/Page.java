package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, the page asked for and how many items match in total. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {

  public Page {
    items = ImmutableList.copyOf(items);
    checkArgument(page >= 1, "page starts at 1");
    checkArgument(pageSize >= 1, "page size is positive");
    checkArgument(total >= 0, "total is not negative");
  }

  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.size(), total);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), page, pageSize, total);
  }
}
