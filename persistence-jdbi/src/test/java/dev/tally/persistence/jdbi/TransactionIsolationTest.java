package dev.tally.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.core.model.OrgId;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A unit of work runs at READ COMMITTED without asking each connection for its isolation level
 * when the pool already hands connections out at that level: on PostgreSQL every such question
 * and every change is a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}, {@code SET SESSION
 * CHARACTERISTICS ...}) in every use.
 */
class TransactionIsolationTest {
  private static final OrgId ACME = OrgId.of("acme");

  @Test
  void aUnitOfWorkOnAReadCommittedPoolNeitherReadsNorSetsTheIsolation() {
    CountingDataSource counting = new CountingDataSource(TestDatabase.POSTGRESQL.dataSource());
    JdbiStorage storage = JdbiStorage.create(counting);
    counting.calls.clear();

    storage.unitOfWork().inTransaction(repositories -> repositories.balances().find(ACME));

    assertThat(counting.calls).isEmpty();
  }

  @Test
  void aUnitOfWorkOnAPoolAtAnotherLevelStillRunsAtReadCommitted() {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.dataSource();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    try (HikariDataSource repeatableRead = new HikariDataSource(config)) {
      CountingDataSource counting = new CountingDataSource(repeatableRead);
      JdbiStorage storage = JdbiStorage.create(counting);
      counting.calls.clear();

      storage.unitOfWork().inTransaction(repositories -> repositories.balances().find(ACME));

      assertThat(counting.calls).contains("setTransactionIsolation(" + Connection.TRANSACTION_READ_COMMITTED + ")");
    }
  }

  /** Hands out the pool's connections, noting every isolation call made on them. */
  private static final class CountingDataSource implements DataSource {
    final List<String> calls = new ArrayList<>();
    private final DataSource pool;

    CountingDataSource(DataSource pool) {
      this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = pool.getConnection();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().endsWith("TransactionIsolation")) {
                  synchronized (calls) {
                    calls.add(method.getName() + "(" + (args == null ? "" : args[0]) + ")");
                  }
                }
                try {
                  return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public Connection getConnection(String username, String password) {
      throw new UnsupportedOperationException("the pool has its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return pool.isWrapperFor(type);
    }
  }
}
