package dev.dbq.runtime.internal;

import dev.dbq.runtime.DbqListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The {@link DbqListener}s of a {@code Dbq} or a worker, told of one event at a time. A listener
 * that throws cannot break the work it hears about: the first throw of each kind of event (per
 * listener class) is logged at WARN with its trace, later ones are ignored quietly, so a broken
 * listener neither fails a step nor floods the log.
 */
public final class Listeners {
  private static final Logger log = RuntimeLoggers.of(DbqListener.class);

  private final List<DbqListener> listeners;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /**
   * @param listeners the listeners, in the order they hear events
   */
  public Listeners(List<DbqListener> listeners) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  /**
   * @return whether there is no listener: callers skip building events then
   */
  public boolean isEmpty() {
    return listeners.isEmpty();
  }

  /**
   * @param listener one more listener
   */
  public void add(DbqListener listener) {
    listeners.add(listener);
  }

  /**
   * @param listener a listener to tell no more
   * @return whether it was one
   */
  public boolean remove(DbqListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Tells every listener, each apart.
   *
   * @param kind the event's kind, as the log names it ("onStepEnded")
   * @param call what to tell one listener
   */
  public void tell(String kind, Consumer<DbqListener> call) {
    for (DbqListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
          throw fatal; // out of memory: as anywhere else in the worker
        }
        if (reported.add(listener.getClass().getName() + "#" + kind)) {
          log.warn(
              "listener {} threw in {}; ignored, and further throws of it in {} are not logged",
              listener.getClass().getName(),
              kind,
              kind,
              e);
        }
      }
    }
  }
}
