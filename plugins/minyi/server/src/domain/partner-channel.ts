/**
 * Partner API tokens (Settings → API Tokens) are fixed to a collection channel by a marker in the
 * token's description: `channel: mayor-hotline` (or `渠道: …`). The marker is read on every request,
 * so an administrator changes a token's channel by editing its description.
 */
export const ITEM_CHANNELS = [
  'grid-worker',
  'department',
  'mayor-hotline',
  'opinion-hotline',
  'door-to-door',
  'deputy-station',
  'cppcc-cloud',
  'social-organisation',
  'website',
  'open311',
] as const;
export type ItemChannel = (typeof ITEM_CHANNELS)[number];

const MARKER = /(?:^|[\s;,，；])(?:channel|渠道)\s*[:：=]\s*([a-z0-9-]+)/i;

/** The channel a token's description names, or null when it names none (or an unknown one). */
export function channelOfTokenDescription(
  description: string | null | undefined
): ItemChannel | null {
  if (!description) return null;
  const match = MARKER.exec(description);
  if (!match) return null;
  const channel = match[1].toLowerCase();
  return (ITEM_CHANNELS as readonly string[]).includes(channel) ? (channel as ItemChannel) : null;
}
