package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A closed set of stored codes with their display labels, as the platform keeps them ({@code
 * appcodes} names the set, {@code appcodes_kv} labels each code): {@code billing_mode} {@code "1"}
 * is shown as "按量付费 Pay per use".
 *
 * @param id the set's id, e.g. {@code billing_mode}
 * @param name the set's label
 * @param codes the codes of the set with their labels, by code
 */
public record CodeSet(String id, String name, List<Label> codes) {

  public CodeSet {
    checkArgument(id != null && !id.isBlank(), "code set id is blank");
    checkNotNull(name, "code set name");
    codes = ImmutableList.copyOf(codes);
  }

  /** One code of a set and the text shown for it. */
  public record Label(String code, String label) {
    public Label {
      checkArgument(code != null && !code.isEmpty(), "code is empty");
      checkNotNull(label, "label");
    }
  }
}
