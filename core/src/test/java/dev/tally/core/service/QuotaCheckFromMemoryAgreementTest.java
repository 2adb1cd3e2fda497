package dev.tally.core.service;

import dev.tally.core.testing.TestTally;

/** The same agreement when the checks answer from memory, as on the embedded default. */
class QuotaCheckFromMemoryAgreementTest extends QuotaCheckAgreementTest {
  @Override
  TestTally tally() {
    return TestTally.createOnlyWriter();
  }
}
