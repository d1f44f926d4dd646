import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links to download a notice (XLSX / CSV) in its mail: an HMAC of the notice's document id under
 * the app's key, so the link works from a mail client without a session, for that notice only.
 * Notices hold metrics, never residents' personal data.
 */
export function noticeDownloadToken(noticeDocumentId: string, key: string): string {
  if (key.length < 16) throw new Error('the signing key must be at least 16 characters');
  return createHmac('sha256', key)
    .update(`notice-download:${noticeDocumentId}`)
    .digest('base64url')
    .slice(0, 32);
}

export function isValidNoticeDownloadToken(
  noticeDocumentId: string,
  token: string,
  key: string
): boolean {
  const expected = Buffer.from(noticeDownloadToken(noticeDocumentId, key));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const DOWNLOAD_FORMATS = ['xlsx', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export function noticeDownloadLinks(
  publicUrl: string,
  noticeDocumentId: string,
  key: string
): Array<{ label: string; url: string }> {
  const base = publicUrl.replace(/\/+$/, '');
  const token = noticeDownloadToken(noticeDocumentId, key);
  return [
    {
      label: '下载 Excel 表格(XLSX)',
      url: `${base}/api/minyi/notices/${encodeURIComponent(noticeDocumentId)}/download/xlsx?token=${token}`,
    },
    {
      label: '下载 CSV',
      url: `${base}/api/minyi/notices/${encodeURIComponent(noticeDocumentId)}/download/csv?token=${token}`,
    },
  ];
}
