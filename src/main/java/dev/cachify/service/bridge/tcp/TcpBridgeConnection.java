package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.BridgeMetrics;
import dev.cachify.service.bridge.Refused;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.net.NetSocket;

import java.util.Map;

/**
 * One client connection: reads frames, answers each one, forwards the permitted sends to the
 * event bus. Every frame gets an answer (a reply, a failure, a pong or an error naming what was
 * wrong with it); only a length the bridge cannot trust closes the connection. Reading stops
 * while {@link TcpBridgeOptions#getMaxInFlight()} requests await their answers, or while the
 * socket's write queue is full (a client that does not read its answers), and starts again when
 * they drain: a connection holds at most one frame being read and the answers of its requests.
 */
final class TcpBridgeConnection {

  private final NetSocket socket;
  private final EventBus eventBus;
  private final BridgeAccess access;
  private final TcpBridgeOptions options;
  private final BridgeMetrics metrics;
  private final FrameReader reader;
  private int inFlight;
  private boolean paused;
  private boolean closed;

  TcpBridgeConnection(NetSocket socket, EventBus eventBus, BridgeAccess access, TcpBridgeOptions options,
                      BridgeMetrics metrics) {
    this.socket = socket;
    this.eventBus = eventBus;
    this.access = access;
    this.options = options;
    this.metrics = metrics;
    this.reader = new FrameReader(options.getMaxFrameBytes());
  }

  void start() {
    socket.handler(this::received);
    socket.drainHandler(drained -> pump());
    socket.closeHandler(gone -> closed = true);
    // A reset by the peer or a broken pipe: nothing to answer to any more.
    socket.exceptionHandler(failure -> close());
  }

  private void received(Buffer chunk) {
    if (closed) {
      return;
    }
    reader.append(chunk);
    pump();
  }

  /** Handles the frames read so far while nothing holds the connection back, then pauses or resumes it. */
  private void pump() {
    while (!closed && !heldBack()) {
      Buffer bytes;
      try {
        bytes = reader.next();
      } catch (FrameException untrustworthy) {
        metrics.refused(untrustworthy.refused().refusal());
        closed = true;
        socket.end(Answers.error(untrustworthy.getMessage()));
        return;
      }
      if (bytes == null) {
        break;
      }
      handle(bytes);
    }
    if (closed) {
      return;
    }
    if (heldBack() && !paused) {
      paused = true;
      socket.pause();
    } else if (!heldBack() && paused) {
      paused = false;
      socket.resume();
    }
  }

  private boolean heldBack() {
    return inFlight >= options.getMaxInFlight() || socket.writeQueueFull();
  }

  private void handle(Buffer bytes) {
    Frame frame;
    try {
      frame = Frame.parse(bytes, options.getMaxTimeoutMs());
    } catch (FrameException bad) {
      refuse(bad.refused(), bad.address(), bad.replyAddress());
      return;
    }
    if (frame.isPing()) {
      socket.write(Answers.pong());
      return;
    }
    Refused refused = access.checkSend(frame.address(), frame.headers());
    if (refused != null) {
      refuse(refused, frame.address(), frame.replyAddress());
      return;
    }
    forward(frame);
  }

  private void forward(Frame frame) {
    DeliveryOptions delivery = new DeliveryOptions()
      .setSendTimeout(frame.timeoutMs() != null ? frame.timeoutMs() : options.getDefaultTimeoutMs());
    for (Map.Entry<String, String> header : frame.headers().entrySet()) {
      // The token stays here: no service sees it.
      if (!header.getKey().equals(BridgeAccess.TOKEN_HEADER)) {
        delivery.addHeader(header.getKey(), header.getValue());
      }
    }
    if (frame.replyAddress() == null) {
      eventBus.send(frame.address(), frame.body(), delivery);
      return;
    }
    inFlight++;
    eventBus.<Object>request(frame.address(), frame.body(), delivery).onComplete(answer -> {
      inFlight--;
      if (!closed) {
        socket.write(answer.succeeded()
          ? reply(frame, answer.result())
          : Answers.failure(frame.replyAddress(), frame.address(), answer.cause()));
        pump();
      }
    });
  }

  private static Buffer reply(Frame frame, Message<Object> message) {
    return Answers.reply(frame.replyAddress(), frame.address(), message.headers(), message.body());
  }

  private void refuse(Refused refused, String address, String replyAddress) {
    metrics.refused(refused.refusal());
    socket.write(replyAddress == null
      ? Answers.error(refused.message())
      : Answers.failure(replyAddress, address, refused.refusal().failureCode(), ReplyFailure.RECIPIENT_FAILURE.name(),
        refused.message()));
  }

  private void close() {
    closed = true;
    socket.close();
  }
}
