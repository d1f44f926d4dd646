import type { Core } from '@strapi/strapi';
import type { MailContext } from '../../domain/mail-templates';
import { minyiConfig } from '../../plugin';

/** What every mail template needs from the configuration: links, the county's zone, the feedback key. */
export function mailContextOf(strapi: Core.Strapi): MailContext {
  const { publicUrl, timezone, feedbackKey } = minyiConfig(strapi);
  return { publicUrl, timezone, feedbackKey };
}
