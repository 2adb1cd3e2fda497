package dev.tally.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class SecretSealerTest {
  private final SecretSealer sealer = SecretSealer.withMasterKey("master-key-one");

  @Test
  void sealsSoThatOnlyTheSameMasterKeyOpens() {
    String sealed = sealer.seal("app-secret");

    assertThat(sealed).doesNotContain("app-secret");
    assertThat(sealer.open(sealed)).isEqualTo("app-secret");
    assertThatIllegalStateException()
        .isThrownBy(() -> SecretSealer.withMasterKey("master-key-two").open(sealed))
        .withMessageContaining("master key");
  }

  @Test
  void sealsTheSameSecretDifferentlyEachTime() {
    assertThat(sealer.seal("s")).isNotEqualTo(sealer.seal("s"));
    assertThat(sealer.toString()).doesNotContain("master-key-one");
  }
}
