package dev.cachify.service.bridge;

import io.vertx.core.json.JsonObject;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP bridge client for tests, written on a plain socket as a client in another language
 * would be: frames of a 4-byte big-endian length and bytes, raw or JSON. Vert.x's JsonObject only
 * for building and reading the JSON, never its networking.
 */
final class FrameSocket implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  FrameSocket(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** A frame of these bytes, with their true length. */
  FrameSocket write(byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
    return this;
  }

  FrameSocket write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  FrameSocket write(JsonObject frame) throws IOException {
    return write(frame.encode());
  }

  /** Just 4 bytes of length, nothing after them. */
  FrameSocket announce(int length) throws IOException {
    out.writeInt(length);
    out.flush();
    return this;
  }

  JsonObject read() throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection (the next read finds the end of the stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (EOFException | java.net.SocketException e) {
      return true;
    }
  }

  /** A request: a send with a reply address and these headers. */
  static JsonObject send(String address, String replyAddress, JsonObject headers, Object body) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress);
    if (headers != null) {
      frame.put("headers", headers);
    }
    return frame.put("body", body);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
