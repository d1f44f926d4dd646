import type { Core } from '@strapi/strapi';
import { minyiService } from './plugin';

// Cron tasks and SMTP pools are stopped here so that tests and restarts leave no open handles.
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  minyiService(strapi, 'settings').stop();
  await minyiService(strapi, 'jobs').stop();
  // A dashboard cells build started in the background ends its current step (resumed later).
  await minyiService(strapi, 'dashboard-cells').stop();
  // The email provider's pooled SMTP connection (nodemailer): closed so the process can exit.
  (strapi.plugin('email')?.provider as { close?: () => void } | undefined)?.close?.();
};

export default destroy;
