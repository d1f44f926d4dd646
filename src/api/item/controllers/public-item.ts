import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/**
 * The routes of 01-public-items.ts. The work is the minyi plugin's (controller `public-items`);
 * this app controller only gives the actions their `api::item.public-item.*` permission names.
 */
type Handler = (ctx: Context) => Promise<void>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const handler =
    (name: 'submit' | 'track' | 'feedbackForm' | 'feedback'): Handler =>
    (ctx) =>
      (strapi.plugin('minyi').controller('public-items') as Record<string, Handler>)[name](ctx);
  return {
    submit: handler('submit'),
    track: handler('track'),
    feedbackForm: handler('feedbackForm'),
    feedback: handler('feedback'),
  };
};
