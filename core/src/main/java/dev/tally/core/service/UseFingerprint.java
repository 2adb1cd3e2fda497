package dev.tally.core.service;

import com.google.common.hash.Hashing;
import dev.tally.core.port.in.UseCommand;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fingerprint of a use request: SHA-256 over its canonical text. Two requests with the same
 * source ref are the same request (a retry) exactly when their fingerprints are equal.
 */
final class UseFingerprint {
  private UseFingerprint() {}

  static String of(UseCommand command) {
    String canonical =
        String.join(
            "\n",
            text(command.productId()),
            text(command.subscriptionId()),
            command.userId().value(),
            command.orgId().value(),
            command.resourceType().map(type -> type.code()).orElse(""),
            text(command.resourceId()),
            command.used().amount().toPlainString(),
            command.used().unit().name(),
            entries(command.usage()),
            entries(command.attributes()),
            text(command.supplierOrgId()),
            command.sourceRef().table(),
            command.sourceRef().id(),
            text(command.useTime()));
    return Hashing.sha256().hashString(canonical, StandardCharsets.UTF_8).toString();
  }

  private static String text(Optional<?> value) {
    return value.map(Object::toString).orElse("");
  }

  /** Sorted {@code key=value} pairs; numbers compare by value, so 1.0 and 1.00 are one request. */
  private static String entries(Map<String, ?> map) {
    return map.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + canonicalValue(entry.getValue()))
        .sorted()
        .collect(Collectors.joining("&"));
  }

  private static String canonicalValue(Object value) {
    return value instanceof java.math.BigDecimal number
        ? number.stripTrailingZeros().toPlainString()
        : value.toString();
  }
}
