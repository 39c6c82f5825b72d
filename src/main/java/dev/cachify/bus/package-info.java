/**
 * The cachify library as an event-bus service: {@link dev.cachify.bus.CachifyVerticle} answers on
 * the {@code cachify.*} addresses of {@link dev.cachify.bus.CachifyAddresses}, and
 * {@link dev.cachify.bus.CachifyService} is the typed client other JVM services use.
 *
 * <p>Every node that deploys the verticle serves the same store, so a cluster shares one cache
 * and one set of locks and pools, with the in-process API's answers. Requests and answers are JSON
 * objects (the data objects {@link dev.cachify.bus.LockRequest}, {@link dev.cachify.bus.LoadRequest},
 * {@link dev.cachify.bus.CacheValue}, {@link dev.cachify.bus.LockGrant},
 * {@link dev.cachify.bus.SlotGrant} for the typed client); every request is answered, with a
 * result or a failure code of {@link dev.cachify.bus.CachifyFailures}, never left to time out.
 * {@link dev.cachify.bus.LoaderOptions} say which addresses {@code cachify.cache.load} may ask.
 *
 * <pre>{@code
 * vertx.deployVerticle(new CachifyVerticle(cachify));              // on a node that serves it
 * CachifyService service = CachifyService.createProxy(vertx);     // anywhere on the cluster
 * service.isLocked("update-user-5-once").onSuccess(locked -> ...);
 * }</pre>
 */
@ModuleGen(name = "cachify", groupPackage = "dev.cachify")
package dev.cachify.bus;

import io.vertx.codegen.annotations.ModuleGen;
