package dev.tally.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tally.core.model.Secret;
import dev.tally.core.sync.SyncEntity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamConfigTest {

  @Test
  void defaultsEveryEntityToItsChangesPath() {
    UpstreamConfig config = UpstreamConfig.of("https://platform.example");

    assertThat(config.endpoint(SyncEntity.USERS).toString())
        .isEqualTo("https://platform.example/users/changes");
    assertThat(config.endpoint(SyncEntity.PRICING).toString())
        .isEqualTo("https://platform.example/pricing/changes");
    assertThat(config.endpoint(SyncEntity.UAPI).toString())
        .isEqualTo("https://platform.example/uapi/changes");
    assertThat(config.endpoint(SyncEntity.LLMAGE).toString())
        .isEqualTo("https://platform.example/llmage/changes");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.signer()).isEqualTo(SignerConfig.none());
  }

  @Test
  void putsEachPathUnderTheBasePath() {
    UpstreamConfig config =
        UpstreamConfig.of("https://platform.example/api")
            .withPath(SyncEntity.LLMAGE, "/models/feed");

    assertThat(config.endpoint(SyncEntity.LLMAGE).toString())
        .isEqualTo("https://platform.example/api/models/feed");
    assertThat(config.endpoint(SyncEntity.USERS).toString())
        .isEqualTo("https://platform.example/api/users/changes");
  }

  @Test
  void refusesABaseThatIsNotAnHttpUrlOrCarriesCredentialsOrAQuery() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UpstreamConfig.of("ftp://platform.example"))
        .withMessageContaining("not an http or https URL");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UpstreamConfig.of("https://tally:hunter2@platform.example"))
        .withMessageContaining("must not carry credentials")
        .withMessageNotContaining("hunter2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UpstreamConfig.of("https://platform.example/?key=hunter2"))
        .withMessageContaining("no query")
        .withMessageNotContaining("hunter2");
  }

  @Test
  void refusesAPathWithoutLeadingSlashOrWithAQuery() {
    UpstreamConfig config = UpstreamConfig.of("https://platform.example");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> config.withPath(SyncEntity.USERS, "users/changes"))
        .withMessageContaining("upstream path of users must start with '/'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> config.withPath(SyncEntity.USERS, "/users?all=1"));
  }

  @Test
  void refusesTimeoutsUnderAMillisecond() {
    UpstreamConfig config = UpstreamConfig.of("https://platform.example");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> config.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .withMessageContaining("upstream connect timeout");
  }

  @Test
  void showsNoSecretInItsText() {
    UpstreamConfig config =
        UpstreamConfig.of("https://platform.example")
            .withSigner(
                new SignerConfig.Deerer(
                    "app-1", Secret.of("app-secret-123"), Secret.of("tly_key")));
    SignerConfig jwt =
        new SignerConfig.JwtHs256("tally", Secret.of("jwt-secret"), Duration.ofMinutes(5));

    assertThat(config.toString())
        .contains("app-1")
        .contains("(secret)")
        .doesNotContain("app-secret-123")
        .doesNotContain("tly_key");
    assertThat(jwt.toString()).doesNotContain("jwt-secret");
    assertThat(new SignerConfig.Bearer(Secret.of("tly_key")).toString())
        .isEqualTo("Bearer[key=(secret)]");
  }

  @Test
  void refusesEmptySecretsAndBadJwtLifetimes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SignerConfig.Bearer(Secret.of("")))
        .withMessageContaining("bearer key is empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SignerConfig.Deerer("app-1", Secret.of("s"), Secret.empty()))
        .withMessageContaining("deerer api key is empty");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SignerConfig.JwtHs256(
                    "tally", Secret.of("s"), Duration.ofMillis(1500)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SignerConfig.HmacSha256("app 1", Secret.of("s")))
        .withMessageContaining("visible ASCII");
  }
}
