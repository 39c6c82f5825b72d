package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.Refusal;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cutting bytes into frames, however they arrive, holding no more than one frame. */
class FrameReaderTest {

  @Test
  void framesArriveWholeWhateverTheChunksAndTheReaderKeepsOnlyWhatIsUnread() throws FrameException {
    Buffer stream = Buffer.buffer();
    List<String> sent = List.of("{\"type\":\"ping\"}", "", "x".repeat(300), "{}");
    for (String frame : sent) {
      stream.appendInt(frame.length()).appendString(frame);
    }
    for (int chunk = 1; chunk <= stream.length(); chunk++) {
      FrameReader reader = new FrameReader(1024);
      List<String> read = new ArrayList<>();
      for (int from = 0; from < stream.length(); from += chunk) {
        reader.append(stream.getBuffer(from, Math.min(stream.length(), from + chunk)));
        Buffer frame;
        while ((frame = reader.next()) != null) {
          read.add(frame.toString(StandardCharsets.UTF_8));
        }
        assertThat(reader.buffered()).isLessThanOrEqualTo(4 + 300 + chunk);
      }
      assertThat(read).as("chunks of %d bytes", chunk).isEqualTo(sent);
      assertThat(reader.buffered()).isZero();
    }
  }

  @Test
  void aLengthOverTheLimitOrNegativeIsRefusedOnItsFourBytes() {
    FrameReader reader = new FrameReader(1024);
    reader.append(Buffer.buffer().appendInt(1025));
    assertThatThrownBy(reader::next).isInstanceOfSatisfying(FrameException.class,
      e -> assertThat(e.refused().refusal()).isEqualTo(Refusal.FRAME_TOO_LARGE));

    FrameReader negative = new FrameReader(1024);
    negative.append(Buffer.buffer().appendInt(Integer.MIN_VALUE));
    assertThatThrownBy(negative::next).isInstanceOfSatisfying(FrameException.class,
      e -> assertThat(e.refused().refusal()).isEqualTo(Refusal.BAD_LENGTH));
  }
}
