package dev.cachify.service.bridge;

/** A refusal and the message the client gets, which starts with the refusal's code. */
public record Refused(Refusal refusal, String message) {
}
