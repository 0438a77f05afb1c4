// A client for the length of one test body, closed however the body ends.

/** Runs `body` with the client `connecting` resolves to, then closes that client. */
export async function withClosing<Client extends { close(): void }, T>(
  connecting: Promise<Client>,
  body: (client: Client) => Promise<T>,
): Promise<T> {
  const client = await connecting;
  try {
    return await body(client);
  } finally {
    client.close();
  }
}
