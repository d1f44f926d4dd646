import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { minyiConfig } from '../../plugin';

import type { StoredMail, StoredMailSummary } from '../../../../shared/mail';

export type { StoredMail, StoredMailSummary } from '../../../../shared/mail';

/** A name the file transport could have written: nothing that walks out of the directory. */
const FILE_NAME = /^[A-Za-z0-9._-]{1,200}\.eml$/;

/**
 * The mail the embedded file transport wrote (no SMTP configured): listed newest first for the
 * admin's mail page, one message's bodies, or its raw .eml.
 */
const mailFiles = ({ strapi }: { strapi: Core.Strapi }) => {
  const directory = () => minyiConfig(strapi).mail.dir;

  async function readMeta(file: string): Promise<StoredMail | null> {
    try {
      return JSON.parse(
        await fs.readFile(path.join(directory(), file.replace(/\.eml$/, '.json')), 'utf8')
      ) as StoredMail;
    } catch {
      return null;
    }
  }

  return {
    isValidName(file: string): boolean {
      return FILE_NAME.test(file) && !file.startsWith('.');
    },

    async list(limit = 200): Promise<{ total: number; files: StoredMailSummary[] }> {
      let names: string[];
      try {
        names = (await fs.readdir(directory())).filter((name) => FILE_NAME.test(name));
      } catch {
        return { total: 0, files: [] };
      }
      const metas = (await Promise.all(names.map(readMeta))).filter(
        (meta): meta is StoredMail => meta !== null
      );
      metas.sort((a, b) => b.storedAt.localeCompare(a.storedAt) || a.file.localeCompare(b.file));
      return {
        total: metas.length,
        files: metas.slice(0, limit).map(({ text: _text, html: _html, ...summary }) => summary),
      };
    },

    async read(file: string): Promise<StoredMail | null> {
      return this.isValidName(file) ? readMeta(file) : null;
    },

    async raw(file: string): Promise<Buffer | null> {
      if (!this.isValidName(file)) return null;
      try {
        return await fs.readFile(path.join(directory(), file));
      } catch {
        return null;
      }
    },
  };
};

export default mailFiles;
