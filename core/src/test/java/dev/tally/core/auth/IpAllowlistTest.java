package dev.tally.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowlistTest {
  @Test
  void allowsEveryAddressWhenTheListIsEmpty() {
    assertThat(IpAllowlist.allows(List.of(), "198.51.100.4")).isTrue();
  }

  @Test
  void matchesExactAddressesAndCidrRanges() {
    List<String> list = List.of("203.0.113.7", "10.0.0.0/8", "2001:db8::/32");

    assertThat(IpAllowlist.allows(list, "203.0.113.7")).isTrue();
    assertThat(IpAllowlist.allows(list, "203.0.113.8")).isFalse();
    assertThat(IpAllowlist.allows(list, "10.255.1.2")).isTrue();
    assertThat(IpAllowlist.allows(list, "11.0.0.1")).isFalse();
    assertThat(IpAllowlist.allows(list, "2001:db8:1::5")).isTrue();
    assertThat(IpAllowlist.allows(list, "2001:db9::5")).isFalse();
    assertThat(IpAllowlist.allows(list, "not-an-address")).isFalse();
  }

  @Test
  void refusesEntriesThatAreNotAddressesOrRanges() {
    assertThatIllegalArgumentException().isThrownBy(() -> IpAllowlist.checkEntry("example.com"));
    assertThatIllegalArgumentException().isThrownBy(() -> IpAllowlist.checkEntry("10.0.0.0/33"));
    assertThatIllegalArgumentException().isThrownBy(() -> IpAllowlist.checkEntry("10.0.0.0/x"));
  }
}
