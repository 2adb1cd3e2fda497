package dev.tally.persistence.jdbi.internal;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.CredentialRepository;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * {@code api_key} (only the SHA-256 of each key), {@code api_app} (its secret sealed with the
 * master key; the allowlist as comma-separated entries) and {@code api_used_credential} (the hashes
 * of the nonces and Deerer tokens each app used, until their window has passed).
 */
final class JdbiCredentialRepository implements CredentialRepository {
  private static final String SELECT_KEY =
      "SELECT id, app_id, user_id, org_id, role, key_hash, enabled_date, expired_date, created_at,"
          + " revoked_at FROM api_key";

  private static final String SELECT_APP =
      "SELECT app_id, app_name, secret_encrypted, allowed_ips, org_id, enabled, created_at"
          + " FROM api_app";

  private static final RowMapper<ApiKey> KEY =
      (rs, ctx) ->
          new ApiKey(
              rs.getString("id"),
              Optional.ofNullable(rs.getString("app_id")),
              Optional.ofNullable(rs.getString("user_id")).map(UserId::of),
              Optional.ofNullable(rs.getString("org_id")).map(OrgId::of),
              Role.fromCode(rs.getString("role")),
              rs.getString("key_hash"),
              Sql.instant(rs, "enabled_date"),
              Sql.optionalInstant(rs, "expired_date"),
              Sql.instant(rs, "created_at"),
              Sql.optionalInstant(rs, "revoked_at"));

  private static final RowMapper<ApiApp> APP =
      (rs, ctx) ->
          new ApiApp(
              rs.getString("app_id"),
              rs.getString("app_name"),
              rs.getString("secret_encrypted"),
              ipList(rs.getString("allowed_ips")),
              Optional.ofNullable(rs.getString("org_id")).map(OrgId::of),
              rs.getBoolean("enabled"),
              Sql.instant(rs, "created_at"));

  private final Handle handle;

  JdbiCredentialRepository(Handle handle) {
    this.handle = handle;
  }

  private static List<String> ipList(String stored) {
    return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
  }

  @Override
  public void insertKey(ApiKey key) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO api_key (id, app_id, user_id, org_id, role, key_hash, enabled_date,
                  expired_date, created_at, revoked_at)
                VALUES (:id, :app_id, :user_id, :org_id, :role, :key_hash, :enabled_date,
                  :expired_date, :created_at, :revoked_at)
                """),
            key)
        .execute();
  }

  /** Changes what may change of a key; its hash, which the WHERE clause matches, never does. */
  @Override
  public void updateKey(ApiKey key) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE api_key SET app_id = :app_id, user_id = :user_id, org_id = :org_id,
                      role = :role, enabled_date = :enabled_date, expired_date = :expired_date,
                      created_at = :created_at, revoked_at = :revoked_at
                    WHERE id = :id AND key_hash = :key_hash
                    """),
                key)
            .execute();
    Rows.requireUpdated(updated, "api_key", key.id());
  }

  private static Update bind(Update statement, ApiKey key) {
    return statement
        .bind("id", key.id())
        .bind("app_id", key.appId().orElse(null))
        .bind("user_id", key.userId().map(UserId::value).orElse(null))
        .bind("org_id", key.orgId().map(OrgId::value).orElse(null))
        .bind("role", key.role().code())
        .bind("key_hash", key.keyHash())
        .bind("enabled_date", Sql.timestamp(key.enabledAt()))
        .bind("expired_date", Sql.timestamp(key.expiresAt()))
        .bind("created_at", Sql.timestamp(key.createdAt()))
        .bind("revoked_at", Sql.timestamp(key.revokedAt()));
  }

  @Override
  public Optional<ApiKey> findKey(String id) {
    return handle.createQuery(SELECT_KEY + " WHERE id = :id").bind("id", id).map(KEY).findOne();
  }

  @Override
  public Optional<ApiKey> findKeyByHash(String keyHash) {
    return handle
        .createQuery(SELECT_KEY + " WHERE key_hash = :hash")
        .bind("hash", keyHash)
        .map(KEY)
        .findOne();
  }

  @Override
  public Page<ApiKey> listKeys(PageRequest page) {
    return Paging.page(
        handle,
        SELECT_KEY.substring(0, SELECT_KEY.indexOf(" FROM")),
        "api_key",
        new Conditions(),
        "created_at DESC, id DESC",
        page,
        KEY);
  }

  @Override
  public List<ApiKey> findKeysOfApp(String appId) {
    return handle
        .createQuery(SELECT_KEY + " WHERE app_id = :app_id ORDER BY created_at DESC, id DESC")
        .bind("app_id", appId)
        .map(KEY)
        .list();
  }

  @Override
  public void insertApp(ApiApp app) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO api_app (app_id, app_name, secret_encrypted, allowed_ips, org_id, enabled,
                  created_at)
                VALUES (:app_id, :name, :secret, :allowed_ips, :org_id, :enabled, :created_at)
                """),
            app)
        .execute();
  }

  /** Changes what may change of an app; its secret and creation time never do. */
  @Override
  public void updateApp(ApiApp app) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE api_app SET app_name = :name, allowed_ips = :allowed_ips, org_id = :org_id,
                      enabled = :enabled
                    WHERE app_id = :app_id
                    """),
                app)
            .execute();
    Rows.requireUpdated(updated, "api_app", app.appId());
  }

  private static Update bind(Update statement, ApiApp app) {
    return statement
        .bind("app_id", app.appId())
        .bind("name", app.name())
        .bind("secret", app.sealedSecret())
        .bind("allowed_ips", String.join(",", app.allowedIps()))
        .bind("org_id", app.orgId().map(OrgId::value).orElse(null))
        .bind("enabled", app.enabled())
        .bind("created_at", Sql.timestamp(app.createdAt()));
  }

  @Override
  public boolean deleteApp(String appId) {
    return handle.createUpdate("DELETE FROM api_app WHERE app_id = :app_id").bind("app_id", appId).execute() > 0;
  }

  @Override
  public Optional<ApiApp> findApp(String appId) {
    return handle
        .createQuery(SELECT_APP + " WHERE app_id = :app_id")
        .bind("app_id", appId)
        .map(APP)
        .findOne();
  }

  @Override
  public Page<ApiApp> listApps(PageRequest page) {
    return Paging.page(
        handle,
        SELECT_APP.substring(0, SELECT_APP.indexOf(" FROM")),
        "api_app",
        new Conditions(),
        "created_at DESC, app_id DESC",
        page,
        APP);
  }

  /**
   * An expired row is taken over by a conditional update (which two servers cannot both win);
   * otherwise a row present is a replay, and a missing one is inserted: a concurrent insert of the
   * same use fails on the primary key, and the unit of work's retry then finds the row.
   */
  @Override
  public boolean recordUse(String appId, String credentialHash, Instant now, Instant expiresAt) {
    int renewed =
        handle
            .createUpdate(
                """
                UPDATE api_used_credential SET expires_at = :expires_at
                WHERE app_id = :app_id AND credential_hash = :hash AND expires_at <= :now
                """)
            .bind("app_id", appId)
            .bind("hash", credentialHash)
            .bind("now", Sql.timestamp(now))
            .bind("expires_at", Sql.timestamp(expiresAt))
            .execute();
    if (renewed > 0) {
      return true;
    }
    boolean remembered =
        handle
            .createQuery(
                "SELECT COUNT(*) FROM api_used_credential WHERE app_id = :app_id AND credential_hash = :hash")
            .bind("app_id", appId)
            .bind("hash", credentialHash)
            .mapTo(Long.class)
            .one()
            > 0;
    if (remembered) {
      return false;
    }
    handle
        .createUpdate(
            """
            INSERT INTO api_used_credential (app_id, credential_hash, expires_at)
            VALUES (:app_id, :hash, :expires_at)
            """)
        .bind("app_id", appId)
        .bind("hash", credentialHash)
        .bind("expires_at", Sql.timestamp(expiresAt))
        .execute();
    return true;
  }

  @Override
  public int forgetUsesExpiredBy(Instant now) {
    return handle
        .createUpdate("DELETE FROM api_used_credential WHERE expires_at <= :now")
        .bind("now", Sql.timestamp(now))
        .execute();
  }
}
