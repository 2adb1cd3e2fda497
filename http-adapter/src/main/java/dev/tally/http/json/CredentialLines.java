package dev.tally.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.collect.ImmutableSet;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Secret;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.ImportedCredential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an import of the platform's credentials, one JSON object a line (JSON lines): {@code
 * {"type": "app", "app_id": ..., "name": ..., "secret": ..., "org_id": ..., "allowed_ips": [...],
 * "enabled": true}} or {@code {"type": "key", "key": ... | "key_sha256": ..., "role": ...,
 * "org_id": ..., "user_id": ..., "app_id": ..., "id": ..., "enabled_at": ..., "expires_at": ...}}.
 * Line N is the import's item N: a refusal, here or in core, names it. A final newline is fine; a
 * blank line inside is not. Read strictly, like every request body; never echoes a secret.
 */
public final class CredentialLines {
  private static final Set<String> APP_FIELDS =
      Set.of("type", "app_id", "name", "secret", "org_id", "allowed_ips", "enabled");
  private static final Set<String> KEY_FIELDS =
      Set.of(
          "type", "id", "key", "key_sha256", "role", "org_id", "user_id", "app_id", "enabled_at",
          "expires_at");

  private static final Set<String> ALL_FIELDS =
      ImmutableSet.<String>builder().addAll(APP_FIELDS).addAll(KEY_FIELDS).build();

  private CredentialLines() {}

  public static List<ImportedCredential> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequest("the import is empty; send one JSON object a line");
    }
    String[] lines = text.strip().split("\r?\n", -1);
    List<ImportedCredential> credentials = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      String where = "line " + (i + 1);
      if (lines[i].isBlank()) {
        throw new BadRequest(where + " is empty; each line holds one app or key");
      }
      JsonBody line;
      try {
        line = JsonBody.of(StrictJson.parse(lines[i]), ALL_FIELDS, where);
      } catch (JsonProcessingException e) {
        throw new BadRequest(where + " is not valid JSON: " + e.getOriginalMessage());
      }
      try {
        credentials.add(credential(line));
      } catch (BadRequest | IllegalArgumentException | NullPointerException refused) {
        throw new BadRequest(where + ": " + refused.getMessage());
      }
    }
    return credentials;
  }

  private static ImportedCredential credential(JsonBody line) {
    String type = line.text("type");
    return switch (type) {
      case "app" -> app(line);
      case "key" -> key(line);
      default -> throw new BadRequest("type must be app or key, not '" + type + "'");
    };
  }

  private static ImportedCredential app(JsonBody line) {
    refuseOthers(line, APP_FIELDS);
    return new ImportedCredential.App(
        line.text("app_id"),
        line.optionalText("name").orElse(line.text("app_id")),
        Secret.of(line.text("secret")),
        line.optionalValue("org_id", OrgId::of),
        allowedIps(line),
        line.bool("enabled", true));
  }

  /** The platform keeps the allowlist as one comma-separated text; an array is read too. */
  private static List<String> allowedIps(JsonBody line) {
    if (line.has("allowed_ips") && line.isText("allowed_ips")) {
      return Arrays.stream(line.text("allowed_ips").split(","))
          .map(String::strip)
          .filter(entry -> !entry.isEmpty())
          .toList();
    }
    return line.textList("allowed_ips");
  }

  private static ImportedCredential key(JsonBody line) {
    refuseOthers(line, KEY_FIELDS);
    return new ImportedCredential.Key(
        line.optionalText("id"),
        line.optionalText("key").map(Secret::of),
        line.optionalText("key_sha256"),
        line.value("role", Role::fromCode),
        line.optionalValue("org_id", OrgId::of),
        line.optionalValue("user_id", UserId::of),
        line.optionalText("app_id"),
        line.optionalInstant("enabled_at"),
        line.optionalInstant("expires_at"));
  }

  private static void refuseOthers(JsonBody line, Set<String> allowed) {
    Set<String> unknown = line.fieldsOutside(allowed);
    if (!unknown.isEmpty()) {
      throw new BadRequest("unknown field(s) " + unknown + " for its type; it takes " + new TreeSet<>(allowed));
    }
  }
}
