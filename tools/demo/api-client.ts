export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

// A small JSON client for the apps' HTTP APIs, with the bearer token of whoever is acting: fixed, or
// where to get a current one (a signed-in person's session renews its short-lived tokens).
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | (() => Promise<string>),
  ) {}

  as(token: string | (() => Promise<string>)): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: object, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('POST', path, body, headers);
  }

  put<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async request<T>(
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${typeof this.token === 'string' ? this.token : await this.token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const parsed: unknown =
      text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
    if (!response.ok) {
      throw new ApiError(
        response.status,
        parsed,
        `${method} ${this.baseUrl}${path}: ${response.status} ${text.slice(0, 500)}`,
      );
    }
    return parsed as T;
  }
}
