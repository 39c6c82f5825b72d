/**
 * The users service (the py-cachify tutorial's app): {@link dev.cachify.users.UserService} over the
 * repository, served over HTTP ({@code http}) and on the event bus ({@code bus}: the public
 * {@code users.*} contract of {@link dev.cachify.users.UserAddresses} and the typed client
 * {@link dev.cachify.users.bus.UserBusService}).
 */
@ModuleGen(name = "cachify-users", groupPackage = "dev.cachify")
package dev.cachify.users;

import io.vertx.codegen.annotations.ModuleGen;
