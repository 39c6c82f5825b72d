package dev.cachify.service.bridge.tcp;

/**
 * Settings of the {@link TcpBridgeVerticle}, each with a default:
 *
 * <table>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>host / port</td><td>{@code 127.0.0.1} / 7000</td><td>where the bridge listens</td></tr>
 *   <tr><td>maxFrameBytes</td><td>65536</td><td>a frame announcing a longer JSON text is refused and the connection closed</td></tr>
 *   <tr><td>maxInFlight</td><td>128</td><td>requests of one connection awaiting their answer; at the bound the bridge stops reading that connection</td></tr>
 *   <tr><td>defaultTimeoutMs</td><td>30000</td><td>a request's timeout when its frame sets no {@code timeout} header</td></tr>
 *   <tr><td>maxTimeoutMs</td><td>90000</td><td>the longest {@code timeout} header accepted (a lock wait is at most 60 s)</td></tr>
 * </table>
 *
 * <pre>{@code
 * new TcpBridgeVerticle(new TcpBridgeOptions().setPort(7000).setMaxFrameBytes(16 * 1024), access, registry);
 * }</pre>
 */
public class TcpBridgeOptions {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7000;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT = 128;
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_MAX_TIMEOUT_MS = 90_000;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private long defaultTimeoutMs = DEFAULT_TIMEOUT_MS;
  private long maxTimeoutMs = DEFAULT_MAX_TIMEOUT_MS;

  public String getHost() {
    return host;
  }

  public TcpBridgeOptions setHost(String host) {
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  /** 0 takes a free port ({@link TcpBridgeVerticle#actualPort()}). */
  public TcpBridgeOptions setPort(int port) {
    this.port = port;
    return this;
  }

  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  public TcpBridgeOptions setMaxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 256) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 256, got " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    return this;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  public TcpBridgeOptions setMaxInFlight(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    return this;
  }

  public long getDefaultTimeoutMs() {
    return defaultTimeoutMs;
  }

  public TcpBridgeOptions setDefaultTimeoutMs(long defaultTimeoutMs) {
    this.defaultTimeoutMs = defaultTimeoutMs;
    return this;
  }

  public long getMaxTimeoutMs() {
    return maxTimeoutMs;
  }

  public TcpBridgeOptions setMaxTimeoutMs(long maxTimeoutMs) {
    this.maxTimeoutMs = maxTimeoutMs;
    return this;
  }
}
