package dev.cachify.service.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A TCP event-bus bridge client written without Vert.x, as a service in another language would
 * be: a socket, frames of a 4-byte big-endian length and a UTF-8 JSON object, Jackson for the JSON.
 * {@link #request} sends to an address and reads frames until the answer to its reply address.
 */
final class BridgeSocketClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  BridgeSocketClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(15_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** The answer frame: {@code type} "message" with a {@code body}, or "err" with a {@code message}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> request(String address, Map<String, Object> body) throws IOException {
    String replyAddress = "reply-" + UUID.randomUUID();
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "send");
    frame.put("address", address);
    frame.put("replyAddress", replyAddress);
    frame.put("body", body);
    byte[] bytes = JSON.writeValueAsBytes(frame);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
    while (true) {
      byte[] answer = new byte[in.readInt()];
      in.readFully(answer);
      Map<String, Object> reply = JSON.readValue(new String(answer, StandardCharsets.UTF_8), Map.class);
      if ("err".equals(reply.get("type")) || replyAddress.equals(reply.get("address"))) {
        return reply;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
