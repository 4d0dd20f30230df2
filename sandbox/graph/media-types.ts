// Media types the Cloud API accepts on upload and their size limits (reference §3).

const MB = 1024 * 1024;

export const MB_LIMITS: Record<string, number> = {
  'image/jpeg': 5 * MB,
  'image/png': 5 * MB,
  'image/webp': 500 * 1024,
  'audio/aac': 16 * MB,
  'audio/amr': 16 * MB,
  'audio/mpeg': 16 * MB,
  'audio/mp4': 16 * MB,
  'audio/ogg': 16 * MB,
  'video/mp4': 16 * MB,
  'video/3gpp': 16 * MB,
  'text/plain': 100 * MB,
  'application/pdf': 100 * MB,
  'application/msword': 100 * MB,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 100 * MB,
  'application/vnd.ms-excel': 100 * MB,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 100 * MB,
  'application/vnd.ms-powerpoint': 100 * MB,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 100 * MB,
};

export function mimeLimit(mime: string): number | undefined {
  const bare = mime.split(';')[0]?.trim() ?? '';
  return Object.hasOwn(MB_LIMITS, bare) ? MB_LIMITS[bare] : undefined;
}
