import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import type { SettingsActor } from '../services/system/settings';

function actorOf(ctx: Context): SettingsActor | undefined {
  return (ctx.state as { user?: SettingsActor }).user;
}

function bodyOf(ctx: Context): unknown {
  return (ctx.request as { body?: unknown }).body;
}

function wholeNumberQuery(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(number) ? number : undefined;
}

/** The settings page's routes (routes/admin/settings.ts). Validation is the service's (400 per field). */
const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /minyi/settings: effective values, defaults, what is stored, the built-in calendar. */
  async overview(ctx: Context) {
    ctx.body = { data: await minyiService(strapi, 'settings').overview() };
  },

  /** GET /minyi/settings/calendar-status: for the dashboard's "next year has no calendar" warning. */
  async calendarStatus(ctx: Context) {
    const service = minyiService(strapi, 'settings');
    await service.refresh();
    ctx.body = { data: service.calendarStatus() };
  },

  /** PUT /minyi/settings/:section with the whole section. */
  async update(ctx: Context) {
    const service = minyiService(strapi, 'settings');
    await service.update(String(ctx.params.section), bodyOf(ctx), actorOf(ctx));
    ctx.body = { data: await service.overview() };
  },

  /** DELETE /minyi/settings/:section: back to the environment's default. */
  async reset(ctx: Context) {
    const service = minyiService(strapi, 'settings');
    await service.reset(String(ctx.params.section), actorOf(ctx));
    ctx.body = { data: await service.overview() };
  },

  /** GET /minyi/settings/categories: every category's time limits. */
  async categories(ctx: Context) {
    ctx.body = { data: await minyiService(strapi, 'settings').categories() };
  },

  /** PUT /minyi/settings/categories/:documentId with the five limit fields. */
  async updateCategory(ctx: Context) {
    ctx.body = {
      data: await minyiService(strapi, 'settings').updateCategory(
        String(ctx.params.documentId),
        bodyOf(ctx),
        actorOf(ctx)
      ),
    };
  },

  /** GET /minyi/settings/changes?section=&limit=&offset=: the settings-change log, newest first. */
  async changes(ctx: Context) {
    const query = ctx.query as Record<string, unknown>;
    ctx.body = {
      data: await minyiService(strapi, 'settings').changes({
        section: typeof query.section === 'string' && query.section ? query.section : undefined,
        limit: wholeNumberQuery(query.limit),
        offset: wholeNumberQuery(query.offset),
      }),
    };
  },
});

export default settings;
