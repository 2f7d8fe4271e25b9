// Which URLs the downloader may fetch: HTTPS only. A test may let plain http:// through for a
// server on the loopback interface, and only when it says so (`allowLoopbackHttp`): nothing on
// a network can then read or change the bytes, and a real mirror or a redirect can never
// downgrade to http.

/** Why `url` may not be fetched, or null when it may. */
export function refusedUrl(url: string, allowLoopbackHttp: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:') {
    if (allowLoopbackHttp && isLoopback(parsed.hostname)) return null;
    return `${url} is not HTTPS: downloads use HTTPS only (http:// is accepted for a test server on 127.0.0.1, ::1 or localhost with allowLoopbackHttp: true)`;
  }
  return `${url} has the unsupported scheme ${parsed.protocol}; downloads use HTTPS`;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
