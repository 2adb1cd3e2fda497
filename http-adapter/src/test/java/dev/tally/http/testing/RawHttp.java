package dev.tally.http.testing;

import dev.tally.http.testing.HttpApi.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand over a socket, for what a well-behaved client library refuses to send:
 * raw {@code <}, {@code {} or {@code \} in a path, odd or missing headers. Each request is sent
 * with {@code Connection: close} and its answer read to the end.
 */
public final class RawHttp {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /**
   * Sends {@code method target} with {@code headers} and {@code body} (none when null); a
   * Content-Length is added for a body.
   */
  public Reply send(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(byte[] answer) {
    int end = indexOf(answer, CRLF_CRLF, 0);
    if (end < 0) {
      throw new AssertionError("no HTTP answer: '" + new String(answer, StandardCharsets.UTF_8) + "'");
    }
    String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Reply(status, headers.getOrDefault("content-type", ""), new String(body, StandardCharsets.UTF_8), headers);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOf(chunked, CRLF, at);
      String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] bytes, byte[] target, int from) {
    for (int i = from; i <= bytes.length - target.length; i++) {
      if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
        return i;
      }
    }
    return -1;
  }
}
