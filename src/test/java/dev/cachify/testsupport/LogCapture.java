package dev.cachify.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps what is logged while it is open, to check what logs never say (a password, say): all
 * that the run's configuration logs, plus the Redis driver's debug lines (its connection
 * handshake). Close it to restore the configuration.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ...
 *   assertThat(logs.text()).doesNotContain(password);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

  private static final String DRIVER = "io.vertx.redis";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger driver = (Logger) LoggerFactory.getLogger(DRIVER);
  private final Level driverLevel = driver.getLevel();

  private LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    driver.setLevel(Level.DEBUG);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every event so far, one per line, each followed by its stack trace as a log would print it. */
  public String text() {
    List<ILoggingEvent> events;
    synchronized (appender) { // the appender adds under this lock
      events = List.copyOf(appender.list);
    }
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : events) {
      text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
        .append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    driver.setLevel(driverLevel);
    root.detachAppender(appender);
    appender.stop();
  }
}
