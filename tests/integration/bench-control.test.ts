import fs from 'fs';
import path from 'path';
import { env } from '@strapi/utils';
import pluginsConfig from '../../config/plugins';
import { ROOT } from '../helpers/database';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The benchmark's control type (bench/control-plugin) is for `npm run bench` only: BENCH_CONTROL
 * registers it, and without that switch the product's app, admin and API never see it.
 */
const CONTROL_UID = 'plugin::bench-control.control';

let app: TestApp;

beforeAll(async () => {
  delete process.env.BENCH_CONTROL;
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe('the benchmark control type', () => {
  it('is not registered without BENCH_CONTROL, so it does not clutter the product admin', () => {
    expect(
      app.strapi.contentType(CONTROL_UID as Parameters<typeof app.strapi.contentType>[0])
    ).toBeUndefined();
    expect(app.strapi.plugin('bench-control')).toBeUndefined();
  });

  it('is declared in config/plugins.ts only when BENCH_CONTROL=true, from a real local plugin', () => {
    const declared = (value?: string) => {
      if (value === undefined) delete process.env.BENCH_CONTROL;
      else process.env.BENCH_CONTROL = value;
      try {
        return (pluginsConfig({ env }) as Record<string, { resolve?: string }>)['bench-control'];
      } finally {
        delete process.env.BENCH_CONTROL;
      }
    };
    expect(declared()).toBeUndefined();
    expect(declared('false')).toBeUndefined();
    const control = declared('true');
    expect(control).toEqual({ enabled: true, resolve: './bench/control-plugin' });

    const pluginDir = path.join(ROOT, control!.resolve!);
    const pkg = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));
    expect(pkg.strapi).toMatchObject({ kind: 'plugin', name: 'bench-control' });
    expect(fs.existsSync(path.join(pluginDir, 'strapi-server.js'))).toBe(true);
  });
});
