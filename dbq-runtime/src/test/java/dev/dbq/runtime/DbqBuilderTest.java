package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Dbq#builder}: enqueues join the transaction a {@link TransactionConnections} finds (the
 * job exists exactly when it commits), commit at once when it finds none, and creation hooks run on
 * the {@link InstanceFactory}'s instances.
 */
class DbqBuilderTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  /** The caller's transaction, as a framework would hold it for the current thread. */
  private static final class OpenTransaction implements TransactionConnections {
    Connection connection;
    final AtomicInteger released = new AtomicInteger();

    @Override
    public Connection current() {
      return connection;
    }

    @Override
    public void release(Connection c) {
      assertSame(connection, c);
      released.incrementAndGet();
    }
  }

  private long jobs(UUID id) {
    return db.sql.count("SELECT count(*) FROM dbq_job WHERE id = '" + id + "'");
  }

  @Test
  void anEnqueueInsideTheTransactionExistsOnlyOnceItCommitsAndNotAfterARollback() throws Exception {
    OpenTransaction transaction = new OpenTransaction();
    try (Dbq dbq = Dbq.builder(db.dbq.dataSource()).transactionConnections(transaction).build();
        Connection c = db.database.connect()) {
      c.setAutoCommit(false);
      transaction.connection = c;

      UUID rolledBack = TestJobBuilder.named("joined").enqueue(dbq);
      assertEquals(0, jobs(rolledBack), "not visible before the commit");
      c.rollback();
      UUID committed = TestJobBuilder.named("joined").enqueue(dbq);
      c.commit();

      assertEquals(0, jobs(rolledBack), "rolled back with the caller's transaction");
      assertEquals(1, jobs(committed), "committed with the caller's transaction");
      assertEquals(2, transaction.released.get(), "each connection lent was given back");
    }
  }

  @Test
  void withoutATransactionTheEnqueueCommitsAtOnce() {
    OpenTransaction none = new OpenTransaction();
    try (Dbq dbq = Dbq.builder(db.dbq.dataSource()).transactionConnections(none).build()) {
      UUID id = TestJobBuilder.named("alone").enqueue(dbq);

      assertEquals(1, jobs(id));
      assertEquals(0, none.released.get(), "nothing was lent, nothing is given back");
    }
  }

  @Test
  void aTransactionThatCannotBeJoinedFailsTheEnqueueAndWritesNothing() {
    TransactionConnections broken =
        () -> {
          throw new SQLException("the transaction manager is gone");
        };
    try (Dbq dbq = Dbq.builder(db.dbq.dataSource()).transactionConnections(broken).build()) {
      DbqException e =
          assertThrows(DbqException.class, () -> TestJobBuilder.named("never").enqueue(dbq));

      assertTrue(e.getMessage().contains("the transaction manager is gone"), e.getMessage());
      assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
    }
  }

  /** A creation hook that is an instance method, as generated code calls one. */
  public static final class Stamp {
    final String value;

    Stamp(String value) {
      this.value = value;
    }
  }

  @Test
  void creationHooksRunOnTheInstancesOfTheFactory() {
    Stamp bean = new Stamp("from the container");
    List<Class<?>> asked = new ArrayList<>();
    InstanceFactory container =
        new InstanceFactory() {
          @Override
          public <T> T instance(Class<T> type, Supplier<T> constructor) {
            asked.add(type);
            return type.cast(bean);
          }
        };
    JobDefinition stamped =
        JobDefinition.builder("stamped")
            .step("run", call -> null)
            .creationHook(
                call -> {
                  call.context()
                      .workspace()
                      .put("stamp", call.instance(Stamp.class, () -> new Stamp("new")).value);
                  return call.workspace();
                })
            .build();
    try (Dbq dbq = Dbq.builder(db.dbq.dataSource()).instanceFactory(container).build()) {
      UUID id = TestJobBuilder.of(stamped).enqueue(dbq);

      assertEquals(List.of(Stamp.class), asked);
      assertEquals(
          "{\"stamp\": \"from the container\"}", dbq.findJob(id).orElseThrow().workspace());
    }
  }

  @Test
  void aFreshlyMigratedDatabaseMissesNoMigration() {
    assertEquals(List.of(), db.dbq.missingMigrations());
  }
}
