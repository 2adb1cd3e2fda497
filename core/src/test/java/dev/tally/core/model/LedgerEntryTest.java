package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
  private static final String PREVIOUS = "ab".repeat(32);

  private static LedgerAmount cny(String amount) {
    return new LedgerAmount(new BigDecimal(amount), Currency.CNY);
  }

  /** The content of one leg, so that each test can change one field and hash it again. */
  private record Content(
      TransactionId transactionId,
      Operation operation,
      AccountId account,
      long sequence,
      LedgerAmount amount,
      Optional<Money> balanceAfter,
      Reference reference,
      String memo,
      Instant createdAt,
      LocalDate bizDate,
      String previousHash) {

    static Content sample() {
      return new Content(
          TransactionId.of("tx-1"),
          Operation.PAY,
          AccountId.customer(OrgId.of("acme")),
          7,
          cny("-2.5"),
          Optional.of(Money.of("7.5", Currency.CNY)),
          new Reference(Reference.USAGE, "use-1"),
          "llm model-a",
          Instant.parse("2026-03-01T00:00:00Z"),
          LocalDate.of(2026, 3, 1),
          PREVIOUS);
    }

    String hash() {
      return LedgerEntry.hashOf(
          transactionId, operation, account, sequence, amount, balanceAfter, reference, memo,
          createdAt, bizDate, previousHash);
    }

    LedgerEntry entry(String storedHash) {
      return new LedgerEntry(
          transactionId, operation, account, account, sequence, amount, balanceAfter, reference,
          memo, createdAt, bizDate, previousHash, storedHash);
    }

    Content withAmount(LedgerAmount value) {
      return new Content(transactionId, operation, account, sequence, value, balanceAfter,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withAccount(AccountId value) {
      return new Content(transactionId, operation, value, sequence, amount, balanceAfter,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withSequence(long value) {
      return new Content(transactionId, operation, account, value, amount, balanceAfter,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withPreviousHash(String value) {
      return new Content(transactionId, operation, account, sequence, amount, balanceAfter,
          reference, memo, createdAt, bizDate, value);
    }

    Content withMemo(String value) {
      return new Content(transactionId, operation, account, sequence, amount, balanceAfter,
          reference, value, createdAt, bizDate, previousHash);
    }

    Content withBalanceAfter(Optional<Money> value) {
      return new Content(transactionId, operation, account, sequence, amount, value,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withTransactionId(TransactionId value) {
      return new Content(value, operation, account, sequence, amount, balanceAfter,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withOperation(Operation value) {
      return new Content(transactionId, value, account, sequence, amount, balanceAfter,
          reference, memo, createdAt, bizDate, previousHash);
    }

    Content withReference(Reference value) {
      return new Content(transactionId, operation, account, sequence, amount, balanceAfter,
          value, memo, createdAt, bizDate, previousHash);
    }

    Content withCreatedAt(Instant value) {
      return new Content(transactionId, operation, account, sequence, amount, balanceAfter,
          reference, memo, value, bizDate, previousHash);
    }

    Content withBizDate(LocalDate value) {
      return new Content(transactionId, operation, account, sequence, amount, balanceAfter,
          reference, memo, createdAt, value, previousHash);
    }
  }

  private static final Content BASE = Content.sample();

  @Test
  void hashesTheSameContentToTheSameSha256Hex() {
    assertThat(BASE.hash()).isEqualTo(Content.sample().hash());
    assertThat(BASE.hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void hashesEqualAmountsEquallyWhateverTheirInputScale() {
    assertThat(BASE.withAmount(cny("-2.5")).hash())
        .isEqualTo(BASE.withAmount(cny("-2.500000")).hash());
  }

  @Test
  void theHashChangesWithTheAmount() {
    assertThat(BASE.withAmount(cny("-2.500001")).hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withAmount(cny("2.5")).hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withAmount(new LedgerAmount(new BigDecimal("-2.5"), Currency.of("USD"))).hash())
        .isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithTheAccount() {
    assertThat(BASE.withAccount(AccountId.customer(OrgId.of("acme2"))).hash())
        .isNotEqualTo(BASE.hash());
    assertThat(BASE.withAccount(AccountId.revenue(OrgId.of("acme"))).hash())
        .isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithTheSequence() {
    assertThat(BASE.withSequence(8).hash()).isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithThePreviousHash() {
    assertThat(BASE.withPreviousHash("ac" + "ab".repeat(31)).hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withPreviousHash(LedgerEntry.GENESIS_HASH).hash()).isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithTheMemo() {
    assertThat(BASE.withMemo("llm model-b").hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withMemo("").hash()).isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithTheBalanceAfter() {
    assertThat(BASE.withBalanceAfter(Optional.of(Money.of("7.5001", Currency.CNY))).hash())
        .isNotEqualTo(BASE.hash());
    assertThat(BASE.withBalanceAfter(Optional.empty()).hash()).isNotEqualTo(BASE.hash());
  }

  @Test
  void theHashChangesWithEveryOtherField() {
    assertThat(BASE.withTransactionId(TransactionId.of("tx-2")).hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withOperation(Operation.REFUND).hash()).isNotEqualTo(BASE.hash());
    assertThat(BASE.withReference(new Reference(Reference.USAGE, "use-2")).hash())
        .isNotEqualTo(BASE.hash());
    assertThat(BASE.withReference(new Reference(Reference.HOLD, "use-1")).hash())
        .isNotEqualTo(BASE.hash());
    assertThat(BASE.withCreatedAt(BASE.createdAt().plusNanos(1000)).hash())
        .isNotEqualTo(BASE.hash());
    assertThat(BASE.withBizDate(LocalDate.of(2026, 3, 2)).hash()).isNotEqualTo(BASE.hash());
  }

  @Test
  void hashesABalanceAsLegsWereHashedAtFourDecimalsSoWideningTheColumnBreaksNoChain() {
    // the canonical text of BASE as Tally wrote it while balances had 4 decimals
    String atFourDecimals =
        String.join(
            "|", PREVIOUS, "tx-1", "PAY", "customer:acme", "7", "-2.500000", "CNY", "7.5000",
            "usage:use-1", "llm model-a", "2026-03-01T00:00:00Z", "2026-03-01");

    assertThat(BASE.balanceAfter().orElseThrow().amount().toPlainString()).isEqualTo("7.500000");
    assertThat(BASE.hash()).isEqualTo(sha256(atFourDecimals));
  }

  @Test
  void hashesABalanceFinerThanFourDecimalsWithAllItsDigits() {
    Content finer = BASE.withBalanceAfter(Optional.of(Money.of("7.500057", Currency.CNY)));
    String text =
        String.join(
            "|", PREVIOUS, "tx-1", "PAY", "customer:acme", "7", "-2.500000", "CNY", "7.500057",
            "usage:use-1", "llm model-a", "2026-03-01T00:00:00Z", "2026-03-01");

    assertThat(finer.hash()).isEqualTo(sha256(text)).isNotEqualTo(BASE.hash());
    assertThat(BASE.withBalanceAfter(Optional.of(Money.of("7.50001", Currency.CNY))).hash())
        .isNotEqualTo(BASE.hash());
  }

  private static String sha256(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }

  @Test
  void anUntouchedLegMatchesItsHashAndAnEditedOneDoesNot() {
    String hash = BASE.hash();

    assertThat(BASE.entry(hash).expectedHash()).isEqualTo(hash);
    assertThat(BASE.withMemo("edited").entry(hash).expectedHash()).isNotEqualTo(hash);
    assertThat(BASE.withAmount(cny("-1")).entry(hash).expectedHash()).isNotEqualTo(hash);
  }
}
