package dev.tally.persistence.jdbi.concurrency;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A data source that counts the statements sent to the database (each execute, and each batch
 * once: one round trip) through the connections it hands out. Thread-safe.
 */
final class StatementCounter {
  private final AtomicLong executed = new AtomicLong();
  private final DataSource counting;

  StatementCounter(DataSource database) {
    this.counting = proxy(DataSource.class, database);
  }

  DataSource dataSource() {
    return counting;
  }

  long executed() {
    return executed.get();
  }

  private <T> T proxy(Class<T> type, T target) {
    InvocationHandler handler =
        (proxy, method, arguments) -> {
          if (method.getName().startsWith("execute") && target instanceof Statement) {
            executed.incrementAndGet();
          }
          Object result = invoke(method, target, arguments);
          if (result instanceof Connection connection) {
            return proxy(Connection.class, connection);
          }
          if (result instanceof java.sql.CallableStatement statement) {
            return proxy(java.sql.CallableStatement.class, statement);
          }
          if (result instanceof java.sql.PreparedStatement statement) {
            return proxy(java.sql.PreparedStatement.class, statement);
          }
          if (result instanceof Statement statement) {
            return proxy(Statement.class, statement);
          }
          return result;
        };
    return type.cast(
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] arguments)
      throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
