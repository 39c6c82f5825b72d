package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.store.MemoryStoreFixture;
import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Cachify close: memory")
class MemoryCachifyCloseTest extends CachifyCloseContract {

  @Override
  protected StoreFixture createFixture() {
    return new MemoryStoreFixture();
  }

  @Test
  void theMemoryStoreAnInstanceCreatedItselfIsClosedWithIt() {
    Cachify cachify = Cachify.create(fixture().vertxA()); // no store given: it makes its own
    Store own = cachify.store();
    await(own.set("PYC-kept", Buffer.buffer("v"), null));
    await(cachify.lock("held").acquire()); // a bare lock, which close leaves alone: the store's close drops it

    await(cachify.close());

    assertThat(await(own.get("PYC-kept"))).as("a closed memory store holds nothing").isNull();
    assertThat(await(own.isLocked("PYC-held"))).isFalse();
  }
}
