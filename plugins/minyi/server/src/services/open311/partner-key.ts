import type { Core } from '@strapi/strapi';
import { channelOfTokenDescription } from '../../domain/partner-channel';
import { Refusal } from '../../refusal';
import type { SubmissionSource } from '../intake/public-submission';

/** The parts of Strapi's API-token service (admin::api-token-content-api) this reads; Strapi types it loosely. */
interface ApiTokenService {
  hash(accessKey: string): string;
  getByAccessKey(accessKeyHash: string): Promise<StoredToken | null | undefined>;
}

interface StoredToken {
  id: number | string;
  name: string;
  description?: string | null;
  kind?: string | null;
  type?: string;
  permissions?: string[];
  expiresAt?: string | Date | null;
}

/** The permission a custom token needs to submit, the same as for POST /api/items. */
const SUBMIT_PERMISSION = 'api::item.public-item.submit';

const invalidKey = () =>
  new Refusal(403, 'INVALID_API_KEY', {
    zh: 'api_key 无效',
    en: 'Invalid api_key received -- cannot proceed with create_request',
  });

/**
 * Open311's `api_key` is a partner API token (Settings → API Tokens) fixed to a channel, exactly
 * as for POST /api/items: content-api kind, not expired, full access or custom with the submit
 * permission, `channel: …` in its description. Any other key answers 403 (the spec's code).
 */
const open311PartnerKey = ({ strapi }: { strapi: Core.Strapi }) => ({
  async sourceOf(apiKey: string | undefined, now: Date = new Date()): Promise<SubmissionSource> {
    if (!apiKey) throw invalidKey();
    // The cast: Strapi registers its services untyped; the interface above is what is used.
    const tokens = strapi.service('admin::api-token-content-api') as unknown as ApiTokenService;
    const token = await tokens.getByAccessKey(tokens.hash(apiKey));
    if (!token || (token.kind !== 'content-api' && token.kind !== null && token.kind !== undefined))
      throw invalidKey();
    if (token.expiresAt && new Date(token.expiresAt).getTime() < now.getTime()) throw invalidKey();
    const maySubmit =
      token.type === 'full-access' ||
      (token.type === 'custom' && (token.permissions ?? []).includes(SUBMIT_PERMISSION));
    if (!maySubmit) throw invalidKey();
    const channel = channelOfTokenDescription(token.description);
    if (channel === null)
      throw new Refusal(403, 'TOKEN_WITHOUT_CHANNEL', {
        zh: '该 API 令牌未指定收集渠道(在令牌说明中写 channel: 渠道代码)',
        en: 'This api_key is not fixed to a channel (write "channel: <code>" in its description)',
      });
    return {
      channel,
      partnerTokenId: Number(token.id),
      actorLabel: `${token.name}(Open311)`,
    };
  },
});

export default open311PartnerKey;
