package dev.cachify.impl;

import dev.cachify.CachifyClosedException;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open/closed check both the lock side and the cache side call, and its close hooks. */
class LifecycleTest {

  @Test
  void openItLetsCallsThroughClosedItFailsThemNamingTheInstance() {
    Lifecycle lifecycle = new Lifecycle("users-");
    AtomicInteger calls = new AtomicInteger();

    lifecycle.checkOpen();
    assertThat(await(lifecycle.whenOpen(() -> Future.succeededFuture(calls.incrementAndGet())))).isEqualTo(1);
    assertThat(lifecycle.close()).isTrue();

    assertThat(lifecycle.isClosed()).isTrue();
    assertThatThrownBy(lifecycle::checkOpen).isInstanceOf(CachifyClosedException.class)
      .hasMessage("this Cachify instance (prefix 'users-') is closed");
    assertThat(failure(lifecycle.whenOpen(() -> Future.succeededFuture(calls.incrementAndGet()))))
      .isInstanceOf(CachifyClosedException.class);
    assertThat(calls).as("nothing runs once closed").hasValue(1);
    assertThat(lifecycle.close()).as("closing twice").isFalse();
  }

  @Test
  void hooksRunOnceAtTheCloseUnlessRemovedAndNoneRegistersAfterIt() {
    Lifecycle lifecycle = new Lifecycle("p-");
    AtomicInteger kept = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    lifecycle.onClose(kept::incrementAndGet);
    lifecycle.onClose(removed::incrementAndGet).remove();

    lifecycle.close();
    lifecycle.close();

    assertThat(kept).hasValue(1);
    assertThat(removed).hasValue(0);
    assertThat(lifecycle.onClose(kept::incrementAndGet)).isNull();
    assertThat(kept).hasValue(1);
  }
}
