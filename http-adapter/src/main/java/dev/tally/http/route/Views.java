package dev.tally.http.route;

import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.Money;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.UnitPrice;
import java.util.List;
import java.util.function.Function;

/**
 * How amounts and lists look in JSON: decimal strings with their scale ({@code "12.5000"}),
 * never floating-point numbers, and pages as {@code {items, page, page_size, total}}.
 */
final class Views {
  private Views() {}

  /** A page of a list. */
  record PageView<T>(List<T> items, int page, int pageSize, long total) {}

  static <D, V> PageView<V> page(Page<D> page, Function<? super D, V> view) {
    return new PageView<>(
        page.items().stream().<V>map(view).toList(), page.page(), page.pageSize(), page.total());
  }

  /** One page of a list core returns whole (a product's resources, the code sets, ...). */
  static <T> Page<T> pageOf(List<T> all, PageRequest page) {
    int from = (int) Math.min(page.offset(), all.size());
    int to = (int) Math.min(page.offset() + page.size(), all.size());
    return Page.of(all.subList(from, to), page, all.size());
  }

  static String amount(Money money) {
    return money.amount().toPlainString();
  }

  static String amount(LedgerAmount amount) {
    return amount.amount().toPlainString();
  }

  static String amount(UnitPrice price) {
    return price.perUnit().toPlainString();
  }

  static String amount(Quantity quantity) {
    return quantity.amount().toPlainString();
  }
}
