// Row ids: random UUIDs (the demo seed uses readable slugs instead).
export function newId(): string {
  return crypto.randomUUID();
}
