// Where to go after signing in: only a path on the console itself, never another site
// ("//evil.example" and "/\evil.example" are read by browsers as other hosts).
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  if (value.length > 500 || [...value].some((char) => char.charCodeAt(0) < 0x20)) {
    return '/';
  }
  return value;
}
