package dev.cachify.service.users.http;

/** Where the HTTP verticles listen and how large a request body may be. */
public record HttpSettings(String host, int port, int bodyLimitBytes) {
}
